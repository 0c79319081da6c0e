package dev.healthstreams.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.ProjectRoot;
import dev.healthstreams.runtime.HttpEndpoints;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/kubernetes against the app it deploys: every check runs over the example overlay (which
 * takes in the base) and, in {@link #eachCheckFailsOnABrokenCopy}, over a copy broken on purpose.
 */
class KubernetesManifestTest {
  private static final Path DEPLOY = ProjectRoot.path().resolve("deploy/kubernetes");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // The app's own health endpoints, before its topologies have started and once they run.
  private static HttpEndpoints starting;
  private static HttpEndpoints running;

  @BeforeAll
  static void startEndpoints() {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    starting = HttpEndpoints.start(0, metrics, List::of, () -> false);
    running = HttpEndpoints.start(0, metrics, List::of, () -> true);
  }

  @AfterAll
  static void stopEndpoints() {
    starting.close();
    running.close();
  }

  @Test
  void baseAndOverlayReferenceOnlyFilesAndResourcesThatExist() {
    assertEquals(List.of(), Kustomization.load(DEPLOY.resolve("base")).problems());
    assertEquals(List.of(), overlay(DEPLOY).problems());
  }

  @Test
  void probesAskTheAppsHealthPathsWithTheirMeaning() {
    assertEquals(List.of(), checks(DEPLOY).probes(KubernetesManifestTest::probe));
  }

  @Test
  void everyVariableSetIsReadAndEveryVariableNeededIsSet() {
    assertEquals(List.of(), checks(DEPLOY).environment());
  }

  @Test
  void memoryLimitsHoldHeapRocksDbAndTheJvmsOtherAreas() {
    assertEquals(List.of(), checks(DEPLOY).memory());
  }

  @Test
  void containerServicesProbesAndPoliciesUseTheConfiguredHttpPort() {
    assertEquals(List.of(), checks(DEPLOY).ports());
  }

  @Test
  void statefulSetsAreWiredForQueriesStateAndShutdown() {
    assertEquals(List.of(), checks(DEPLOY).statefulSets());
  }

  @Test
  void secretsArePlaceholdersAndConfigProvidersFindTheirFiles() {
    assertEquals(List.of(), checks(DEPLOY).secrets());
  }

  @Test
  void shippedConfigurationLoadsAndHoldsTheRepositorysTopologies() {
    assertEquals(List.of(), checks(DEPLOY).configuration());
  }

  /**
   * Kustomize itself (kubectl's, on the CI image) builds the overlay, and what it builds is what
   * these checks read: the same resources, with the overlay's patches applied.
   */
  @Test
  void kubectlBuildsTheOverlayIntoTheResourcesTheChecksRead() throws Exception {
    Optional<List<JsonNode>> built = kubectlKustomize(DEPLOY.resolve("overlays/example"));
    Assumptions.assumeTrue(built.isPresent(), "kubectl is not on the PATH");
    Set<String> expected = new TreeSet<>();
    overlay(DEPLOY).resources().forEach(r -> expected.add(r.kind() + "/" + r.name()));
    overlay(DEPLOY).configMaps().keySet().forEach(name -> expected.add("ConfigMap/" + name));
    Set<String> actual = new TreeSet<>();
    for (JsonNode doc : built.get()) {
      String name = doc.at("/metadata/name").asText();
      // Generated ConfigMaps carry a hash of their content.
      actual.add(
          doc.path("kind").asText()
              + "/"
              + (doc.path("kind").asText().equals("ConfigMap")
                  ? name.replaceAll("-[a-z0-9]{10}$", "")
                  : name));
    }
    assertEquals(expected, actual);
    JsonNode clinical =
        built.get().stream()
            .filter(d -> d.at("/metadata/name").asText().equals("healthstreams-clinical"))
            .filter(d -> d.path("kind").asText().equals("StatefulSet"))
            .findFirst()
            .orElseThrow();
    assertEquals(3, clinical.at("/spec/replicas").asInt());
    assertEquals(
        "fast-ssd", clinical.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText());
    assertEquals("healthstreams", clinical.at("/metadata/namespace").asText());
  }

  private static Optional<List<JsonNode>> kubectlKustomize(Path dir) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
    assertEquals(0, process.exitValue(), "kubectl kustomize failed");
    Path rendered = Files.createTempFile("kustomize", ".yaml");
    try {
      Files.write(rendered, out);
      return Optional.of(Kustomization.documents(rendered));
    } finally {
      Files.delete(rendered);
    }
  }

  /** A drift, where it is made, and what the check that must catch it says. */
  record Breakage(
      String name,
      String file,
      String from,
      String to,
      Function<Path, List<String>> check,
      String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Breakage> breakages() {
    String overlay = "overlays/example/";
    String clinical = "base/clinical.yaml";
    String config = "base/topologies.yaml";
    Function<Path, List<String>> references = dir -> overlay(dir).problems();
    Function<Path, List<String>> probes = dir -> checks(dir).probes(KubernetesManifestTest::probe);
    Function<Path, List<String>> environment = dir -> checks(dir).environment();
    Function<Path, List<String>> memory = dir -> checks(dir).memory();
    Function<Path, List<String>> ports = dir -> checks(dir).ports();
    Function<Path, List<String>> statefulSets = dir -> checks(dir).statefulSets();
    Function<Path, List<String>> secrets = dir -> checks(dir).secrets();
    Function<Path, List<String>> configuration = dir -> checks(dir).configuration();
    return Stream.of(
        new Breakage(
            "missing resource file",
            overlay + "kustomization.yaml",
            "- namespace.yaml",
            "- namespaces.yaml",
            references,
            "resource namespaces.yaml does not exist"),
        new Breakage(
            "patch of a renamed StatefulSet",
            overlay + "clinical-scale.yaml",
            "name: healthstreams-clinical",
            "name: healthstreams-clinic",
            references,
            "targets no resource"),
        new Breakage(
            "JSON patch into a missing field",
            overlay + "storage-class.yaml",
            "/spec/volumeClaimTemplates/0/spec/",
            "/spec/volumeClaimTemplate/0/spec/",
            references,
            "does not exist in healthstreams-clinical"),
        new Breakage(
            "merge into a ConfigMap no base has",
            overlay + "kustomization.yaml",
            "- name: healthstreams-cluster",
            "- name: healthstreams-clusters",
            references,
            "merges a ConfigMap no base has"),
        new Breakage(
            "image override of another image",
            overlay + "kustomization.yaml",
            "- name: healthstreams\n",
            "- name: healthstream\n",
            references,
            "names no container's image"),
        new Breakage(
            "liveness on the readiness path",
            clinical,
            "path: /health/live",
            "path: /health/ready",
            probes,
            "livenessProbe: /health/ready answers 503"),
        new Breakage(
            "readiness on a path the app does not serve",
            clinical,
            "readinessProbe:\n            httpGet:\n              path: /health/ready",
            "readinessProbe:\n            httpGet:\n              path: /ready",
            probes,
            "readinessProbe: /ready answers 404"),
        new Breakage(
            "startup probe too short for a restore",
            clinical,
            "failureThreshold: 180",
            "failureThreshold: 18",
            probes,
            "the startup probe allows 180 s"),
        new Breakage(
            "variable the config does not read",
            clinical,
            "name: HEALTHSTREAMS_STATE_DIR",
            "name: HEALTHSTREAMS_STATEDIR",
            environment,
            "sets HEALTHSTREAMS_STATEDIR, which neither"),
        new Breakage(
            "variable the config needs and no manifest sets",
            config,
            "${KAFKA_SECURITY_PROTOCOL:-SASL_SSL}",
            "${KAFKA_PROTOCOL}",
            environment,
            "does not set KAFKA_PROTOCOL"),
        new Breakage(
            "helper used before it is defined",
            clinical,
            "$(POD_NAMESPACE)",
            "$(NAMESPACE)",
            environment,
            "$(NAMESPACE) is not defined"),
        new Breakage(
            "limit below heap plus off-heap",
            clinical,
            "memory: 2496Mi",
            "memory: 2000Mi",
            memory,
            "healthstreams-clinical: memory limit 2000 MiB is below"),
        new Breakage(
            "RocksDB raised without the limits",
            config,
            "total-off-heap-mb: 256",
            "total-off-heap-mb: 1024",
            memory,
            "healthstreams-consent: memory limit 1728 MiB is below"),
        new Breakage(
            "direct memory left uncapped",
            clinical,
            "-XX:MaxDirectMemorySize=128m",
            "",
            memory,
            "has no -XX:MaxDirectMemorySize="),
        new Breakage(
            "http port changed in the environment only",
            clinical,
            "name: HEALTHSTREAMS_HTTP_PORT\n              value: \"8080\"",
            "name: HEALTHSTREAMS_HTTP_PORT\n              value: \"8081\"",
            ports,
            "no containerPort is app.http-port 8081"),
        new Breakage(
            "Service target port",
            clinical,
            "targetPort: http",
            "targetPort: 9090",
            ports,
            "Service healthstreams-clinical-peers: port 9090"),
        new Breakage(
            "NetworkPolicy port",
            clinical,
            "- port: 8080",
            "- port: 8443",
            ports,
            "NetworkPolicy healthstreams-clinical: port 8443"),
        new Breakage(
            "grace period within the shutdown timeout",
            clinical,
            "terminationGracePeriodSeconds: 60",
            "terminationGracePeriodSeconds: 30",
            statefulSets,
            "not longer than app.shutdown-timeout"),
        new Breakage(
            "advertised host under the client Service",
            clinical,
            "$(POD_NAME).healthstreams-clinical-peers.",
            "$(POD_NAME).healthstreams-clinical.",
            statefulSets,
            "app.advertised-host"),
        new Breakage(
            "unknown topology",
            clinical,
            "- medication-interaction\n",
            "- medication-interactions\n",
            statefulSets,
            "medication-interactions, which is no registered topology"),
        new Breakage(
            "state outside the persistent volume",
            clinical,
            "mountPath: /var/lib/healthstreams",
            "mountPath: /data",
            statefulSets,
            "is not a persistent volume"),
        new Breakage(
            "config where the image does not read it",
            clinical,
            "mountPath: /etc/healthstreams/topologies.yaml",
            "mountPath: /etc/healthstreams/config.yaml",
            statefulSets,
            "is not mounted at /etc/healthstreams/topologies.yaml"),
        new Breakage(
            "no disruption budget",
            clinical,
            "kind: PodDisruptionBudget",
            "kind: PodDisruptionBudgetX",
            statefulSets,
            "healthstreams-clinical: no PodDisruptionBudget"),
        new Breakage(
            "policy admitting another group as peers",
            clinical,
            "  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n"
                + "              app.kubernetes.io/name: healthstreams\n"
                + "              app.kubernetes.io/component: clinical",
            "  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n"
                + "              app.kubernetes.io/name: healthstreams\n"
                + "              app.kubernetes.io/component: consent",
            statefulSets,
            "admits the headless Service's peers"),
        new Breakage(
            "a real-looking registry password",
            overlay + "secrets.example.yaml",
            "user-info: REPLACE_ME:REPLACE_ME",
            "user-info: REPLACE_ME:hunter2",
            secrets,
            "key user-info holds something other"),
        new Breakage(
            "a real-looking Kafka password",
            overlay + "secrets.example.yaml",
            "password=\"REPLACE_ME\"",
            "password=\"hunter2\"",
            secrets,
            "key client.properties holds something other"),
        new Breakage(
            "config provider key missing from the Secret",
            config,
            "client.properties:sasl.jaas.config}",
            "client.properties:sasl.jaas.conf}",
            secrets,
            "has no client.properties with sasl.jaas.conf"),
        new Breakage(
            "a rule changed in the shipped copy only",
            config,
            "threshold: 131",
            "threshold: 130",
            configuration,
            "is not the repository's"),
        new Breakage(
            "a config the app refuses",
            config,
            "processing-guarantee: exactly_once_v2",
            "processing-guarantee: exactly_twice",
            configuration,
            "the configuration does not load"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void eachCheckFailsOnABrokenCopy(Breakage breakage, @TempDir Path copy) throws IOException {
    copyTree(DEPLOY, copy);
    Path file = copy.resolve(breakage.file());
    String text = Files.readString(file);
    assertTrue(
        text.contains(breakage.from()), breakage.file() + " no longer has the text to break");
    Files.writeString(file, text.replace(breakage.from(), breakage.to()));

    List<String> problems = breakage.check().apply(copy);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(breakage.expected())),
        "expected a problem containing '" + breakage.expected() + "', got " + problems);
  }

  private static Kustomization overlay(Path deploy) {
    return Kustomization.load(deploy.resolve("overlays/example"));
  }

  private static ManifestChecks checks(Path deploy) {
    try {
      String repositoryConfig = Files.readString(ProjectRoot.path().resolve("topologies.yaml"));
      return new ManifestChecks(overlay(deploy), imageConfigPath(), repositoryConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code --config} of the Dockerfile's ENTRYPOINT. */
  static String imageConfigPath() throws IOException {
    String entrypoint =
        Files.readString(ProjectRoot.path().resolve("Dockerfile"))
            .lines()
            .filter(line -> line.startsWith("ENTRYPOINT "))
            .findFirst()
            .orElseThrow();
    JsonNode args = new ObjectMapper().readTree(entrypoint.substring("ENTRYPOINT ".length()));
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).asText().equals("--config")) {
        return args.get(i + 1).asText();
      }
    }
    throw new AssertionError("the Dockerfile's ENTRYPOINT has no --config");
  }

  /**
   * Asks the app's endpoints. Liveness must hold while the topologies start (or the kubelet kills a
   * restoring pod); readiness and startup must wait for them (startup covers the restore).
   */
  static List<String> probe(String where, String probe, String path) {
    int before = status(starting, path);
    int after = status(running, path);
    boolean ok =
        probe.equals("livenessProbe")
            ? before == 200 && after == 200
            : before == 503 && after == 200;
    if (ok) {
      return List.of();
    }
    return List.of(
        where
            + ": "
            + path
            + " answers "
            + before
            + " while the topologies start and "
            + after
            + " once they run; a "
            + probe
            + " needs "
            + (probe.equals("livenessProbe") ? "200 and 200" : "503 and 200"));
  }

  private static int status(HttpEndpoints endpoints, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
