package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.AccessPlan;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.interaction.SimpleInteractionOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The container's `run` against a broker that clients reach over SASL_SSL only (SCRAM-SHA-512, a
 * certificate made by keytool, StandardAuthorizer), with exactly the ACLs `topics --acls` lists:
 * the password comes from the environment through Kafka's EnvVarConfigProvider and the truststore
 * password from a file through FileConfigProvider. A wrong password is a clean exit 1; a principal
 * missing WRITE on one output stops that topology only. Every log line of every process (the app at
 * INFO, the broker and the test's own clients at INFO) and every /metrics scrape is searched for
 * the secrets and for the marker values planted in the input (names, MRN, birth date, address,
 * observation values, a note): none may appear.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "healthstreams";
  private static final String LIMITED = "limited";
  private static final String PASSWORD_ENV = "HS_KAFKA_PASSWORD";
  private static final List<String> TOPOLOGIES =
      List.of("observation-alerting", "medication-interaction");
  private static final String DENIED_OUTPUT = "alerts.medication";
  private static final Path KNOWLEDGE = Path.of("src/main/resources/knowledge/interactions.yaml");

  /**
   * Input values that are PHI; each occurs nowhere else (names, MRN, dates, values, notes). The
   * observation values carry five decimals and are matched as whole numbers: a short value such as
   * 39.17 also occurs by chance inside the numbers of a 3 MB metrics scrape.
   */
  private static final List<String> PHI_MARKERS =
      List.of(
          "Zqxfamilymarker",
          "Zqxgivenmarker",
          "ZQXMRN4711",
          "1937-04-19",
          "Zqx Marker Street",
          "Zqxnotemarker",
          "173.91826",
          "212.37645",
          "39.17493");

  private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

  @TempDir static Path dir;
  static SecuredCluster cluster;
  static EmbeddedRegistry registry;
  static Path adminConfig;
  static final LogCapture brokerAndTestLogs = new LogCapture();
  static final List<Path> appLogs = new ArrayList<>();
  static final List<String> scrapes = new ArrayList<>();
  static Path patients;
  static Path observations;
  static Path requests;

  @BeforeAll
  static void startCluster() throws Exception {
    brokerAndTestLogs.start();
    CompletableFuture<EmbeddedRegistry> registryStart =
        CompletableFuture.supplyAsync(
            () -> EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(180)));
    try {
      cluster =
          SecuredCluster.start(
              dir.resolve("kafka"),
              Map.of(APP, "app-" + UUID.randomUUID(), LIMITED, "limited-" + UUID.randomUUID()));
    } finally {
      registry = registryStart.join();
    }
    Files.writeString(
        dir.resolve("secrets.properties"),
        "truststore.password=" + cluster.truststorePassword() + "\n");
    adminConfig = writeConfig("admin.yaml", APP, adminCredentials(), Http.freePort());
    writeFixtures();
    AppConfig config = load(adminConfig);
    try (Admin admin = cluster.admin()) {
      new TopicProvisioner(admin, cluster.bootstrapServers(), Duration.ofSeconds(30))
          .ensure(
              TopicPlan.external(Topologies.forInspection(config, TOPOLOGIES), 4, (short) 1)
                  .values());
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    brokerAndTestLogs.stop();
  }

  @Test
  @Order(1)
  void shouldExitOneNamingTheAuthenticationFailureAndTheBrokerWithAWrongPassword()
      throws Exception {
    Path config = writeConfig("app.yaml", APP, appCredentials(APP), Http.freePort());
    long started = System.nanoTime();
    try (JarProcess app = startApp(config, WRONG_PASSWORD)) {
      // app.startup-timeout is PT30S in the repository's file; the JVM's own start counts too.
      assertEquals(1, app.awaitExit(Duration.ofSeconds(30)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String err = app.stderr();
      String last = err.strip().lines().reduce((a, b) -> b).orElse("");
      assertTrue(last.startsWith("error: "), err);
      assertTrue(last.contains("refused authentication (SaslAuthenticationException"), last);
      assertTrue(last.contains(cluster.bootstrapServers()), last);
      assertFalse(err.contains("\tat "), "no stack trace: " + err);
      assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
    }
  }

  @Test
  @Order(2)
  void shouldProcessTheSampleWithExactlyTheListedAcls() throws Exception {
    int httpPort = Http.freePort();
    Path config = writeConfig("app.yaml", APP, appCredentials(APP), httpPort);
    grant(AccessPlan.bindings(AccessPlan.of(load(config), built(config)), "User:" + APP));
    ExpectedAlerts expected = ExpectedAlerts.of(List.of(observations));
    Map<String, String> interactions =
        new SimpleInteractionOracle(Files.readString(KNOWLEDGE)).run(List.of(), List.of(requests));
    assertEquals(1, interactions.size(), "the fixture's two requests interact");

    try (JarProcess app = startApp(config, cluster.password(APP))) {
      String base = "http://127.0.0.1:" + httpPort;
      awaitReady(app, base);
      replay("fhir.patient", patients);
      replay("fhir.observation", observations);
      replay("fhir.medicationrequest", requests);
      int written = AppMetrics.awaitEveryFiringGated(base, expected.firings().size(), "suppressed");
      expected.assertPossibleOutcome(Topics.alertIds(tail("clinical.alerts", written)));
      List<JsonNode> alerts = tail("alerts.medication", interactions.size());
      assertEquals(interactions.keySet(), new HashSet<>(Topics.alertIds(alerts)));
      scrapes.add(Http.get(base + "/metrics").body());
      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }
  }

  @Test
  @Order(3)
  void shouldStopOnlyTheTopologyWhoseOutputThePrincipalMayNotWrite() throws Exception {
    int httpPort = Http.freePort();
    Path config = writeConfig("limited.yaml", "hs-limited", appCredentials(LIMITED), httpPort);
    List<AclBinding> all =
        AccessPlan.bindings(AccessPlan.of(load(config), built(config)), "User:" + LIMITED);
    List<AclBinding> withoutOneWrite =
        all.stream()
            .filter(
                b ->
                    !(b.pattern().resourceType() == ResourceType.TOPIC
                        && b.pattern().name().equals(DENIED_OUTPUT)
                        && b.entry().operation() == AclOperation.WRITE))
            .toList();
    assertEquals(all.size() - 1, withoutOneWrite.size());
    grant(withoutOneWrite);
    ExpectedAlerts before = ExpectedAlerts.of(List.of(observations));
    Path late = dir.resolve("late-observation.ndjson");
    Files.writeString(late, observation("sec-obs-3", "8867-4", "39.17493", "/min") + "\n");
    ExpectedAlerts after = ExpectedAlerts.of(List.of(observations, late));

    try (JarProcess app = startApp(config, cluster.password(LIMITED))) {
      String base = "http://127.0.0.1:" + httpPort;
      // The inputs written by the previous test are read again under this application id: the
      // interaction alert cannot be written.
      Await.until(
          "medication-interaction in ERROR",
          Duration.ofSeconds(90),
          () -> {
            if (!app.isAlive()) {
              throw new AssertionError("exited:\n" + JarProcess.tail(app.stderr()));
            }
            return "ERROR".equals(state(base, "medication-interaction"));
          });
      assertNotEquals(200, Http.get(base + "/health/ready").statusCode());
      assertEquals(503, Http.get(base + "/health/live").statusCode());
      assertTrue(
          app.stderr()
              .contains(
                  "topology=medication-interaction stopped: the cluster refused its principal"
                      + " (TopicAuthorizationException on topics ["
                      + DENIED_OUTPUT
                      + "])"),
          JarProcess.tail(app.stderr()));
      AppMetrics.awaitEveryFiringGated(base, before.firings().size(), "suppressed");
      replay("fhir.observation", late);
      AppMetrics.awaitEveryFiringGated(base, after.firings().size(), "suppressed");
      assertEquals("RUNNING", state(base, "observation-alerting"));
      scrapes.add(Http.get(base + "/metrics").body());
      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }
  }

  @Test
  @Order(4)
  void shouldKeepSecretsAndPhiOutOfEveryLogLineAndMetric() throws Exception {
    List<String> texts = new ArrayList<>();
    for (Path log : appLogs) {
      texts.add(Files.readString(log, StandardCharsets.UTF_8));
    }
    texts.add(String.join("\n", brokerAndTestLogs.lines));
    texts.add(Files.readString(dir.resolve("registry").resolve("registry.log")));
    texts.addAll(scrapes);
    String all = String.join("\n", texts);
    assertTrue(
        all.contains("topology=observation-alerting") && all.contains("ProducerConfig values"),
        "the app's and Kafka's own INFO lines were captured");
    List<String> secrets =
        List.of(
            cluster.password(APP),
            cluster.password(LIMITED),
            cluster.password(SecuredCluster.ADMIN),
            cluster.truststorePassword());
    for (String secret : secrets) {
      assertFalse(all.contains(secret), "a password appears in the logs or metrics");
    }
    assertFalse(all.contains(WRONG_PASSWORD), "the rejected password appears in the logs");
    for (String marker : PHI_MARKERS) {
      assertFalse(appearsAsWhole(all, marker), "PHI marker " + marker + " appears in the logs");
    }
  }

  /** The marker, not as a piece of a longer number (1239.17493 or 39.174931 do not count). */
  private static boolean appearsAsWhole(String text, String marker) {
    return Pattern.compile("(?<![0-9.])" + Pattern.quote(marker) + "(?![0-9])")
        .matcher(text)
        .find();
  }

  // --- the app

  private static JarProcess startApp(Path config, String password) throws Exception {
    Path logback = dir.resolve("logback-info.xml");
    Files.writeString(logback, LOGBACK_ALL_INFO);
    JarProcess app =
        JarProcess.start(
            dir.resolve("app"),
            Map.of(PASSWORD_ENV, password),
            List.of("-Dlogback.configurationFile=" + logback),
            "run",
            "--config",
            config.toString(),
            "--topology",
            TOPOLOGIES.get(0),
            "--topology",
            TOPOLOGIES.get(1));
    appLogs.add(app.stderrFile());
    appLogs.add(app.stdoutFile());
    return app;
  }

  /** Everything at INFO, Kafka's clients and their config dumps included, to stderr. */
  private static final String LOGBACK_ALL_INFO =
      """
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <root level="INFO"><appender-ref ref="STDERR"/></root>
      </configuration>
      """;

  private static void awaitReady(JarProcess app, String base) throws Exception {
    Await.until(
        "/health/ready to answer 200",
        Duration.ofSeconds(120),
        () -> {
          if (!app.isAlive()) {
            throw new AssertionError("app exited:\n" + JarProcess.tail(app.stderr()));
          }
          return Http.get(base + "/health/ready").statusCode() == 200;
        });
  }

  private static String state(String base, String topology) throws Exception {
    JsonNode health = JSON.readTree(Http.get(base + "/health/ready").body());
    return health.path("topologies").path(topology).path("state").asText();
  }

  // --- the cluster, as its administrator

  private static void grant(List<AclBinding> bindings) throws Exception {
    try (Admin admin = cluster.admin()) {
      admin.createAcls(bindings).all().get();
    }
  }

  private static void replay(String topic, Path file) {
    Topics.replay(Topics.connection(adminConfig, null), topic, file);
  }

  private static List<JsonNode> tail(String topic, int max) throws Exception {
    return Topics.tail(Topics.connection(adminConfig, null), topic, max, Duration.ofSeconds(60));
  }

  private static AppConfig load(Path config) {
    return TopologyRegistry.discover().loader(Map.of(PASSWORD_ENV, "unused")).load(config);
  }

  private static List<dev.healthstreams.runtime.BuiltTopology> built(Path config) {
    return Topologies.forInspection(load(config), TOPOLOGIES);
  }

  // --- configuration

  /** The app's credentials: its password from the environment, never written to a file. */
  private static String appCredentials(String user) {
    return credentials(
        "'org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\"${env:"
            + PASSWORD_ENV
            + "}\";'");
  }

  /** The test's own clients (replay, tail) act as the admin. */
  private static String adminCredentials() {
    return credentials(
        "'"
            + SecuredCluster.jaas(SecuredCluster.ADMIN, cluster.password(SecuredCluster.ADMIN))
            + "'");
  }

  private static String credentials(String jaas) {
    Path secrets = dir.resolve("secrets.properties");
    return String.join(
        "\n",
        "    security.protocol: SASL_SSL",
        "    sasl.mechanism: " + SecuredCluster.MECHANISM,
        "    sasl.jaas.config: " + jaas,
        "    ssl.truststore.type: PKCS12",
        "    ssl.truststore.location: " + cluster.truststore(),
        "    ssl.truststore.password: ${file:" + secrets + ":truststore.password}",
        "    config.providers: env,file",
        "    config.providers.env.class:"
            + " org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "    config.providers.file.class:"
            + " org.apache.kafka.common.config.provider.FileConfigProvider");
  }

  /** The repository's topologies.yaml with this cluster, a prefix, credentials and a port. */
  private static Path writeConfig(String name, String prefix, String properties, int httpPort)
      throws Exception {
    String yaml =
        Files.readString(Path.of("topologies.yaml"), StandardCharsets.UTF_8)
            .replace("${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", cluster.bootstrapServers())
            .replace("${SCHEMA_REGISTRY_URL:-http://localhost:8081}", registry.url())
            .replace("    security.protocol: ${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}", properties)
            .replace("${HEALTHSTREAMS_APPLICATION_ID_PREFIX:-healthstreams}", prefix)
            .replace(
                "${HEALTHSTREAMS_STATE_DIR:-/var/lib/healthstreams}",
                dir.resolve("state-" + name).toString())
            .replace("${HEALTHSTREAMS_HTTP_PORT:-8080}", Integer.toString(httpPort))
            .replace("${HOSTNAME:-}", "");
    Path file = dir.resolve(name);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  // --- the input, with its PHI markers

  private static void writeFixtures() throws Exception {
    patients = dir.resolve("patients.ndjson");
    Files.writeString(
        patients,
        """
        {"resourceType":"Patient","id":"sec-patient-1","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:oid:2.16.840.1.113883.19.5","value":"ZQXMRN4711"}],"name":[{"family":"Zqxfamilymarker","given":["Zqxgivenmarker"]}],"gender":"female","birthDate":"1937-04-19","address":[{"line":["Zqx Marker Street 12"]}]}
        """);
    observations = dir.resolve("observations.ndjson");
    Files.writeString(
        observations,
        observation("sec-obs-1", "8867-4", "173.91826", "/min")
            + "\n"
            + observation("sec-obs-2", "8480-6", "212.37645", "mm[Hg]")
            + "\n");
    requests = dir.resolve("requests.ndjson");
    Files.writeString(
        requests, request("sec-rx-1", "855332") + "\n" + request("sec-rx-2", "243670") + "\n");
  }

  private static String observation(String id, String loinc, String value, String unit) {
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"}]},\"subject\":{\"reference\":\"Patient/sec-patient-1\"},"
        + "\"effectiveDateTime\":\"2024-05-01T10:00:00Z\",\"valueQuantity\":{\"value\":"
        + value
        + ",\"unit\":\""
        + unit
        + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\""
        + unit
        + "\"},\"note\":[{\"text\":\"Zqxnotemarker\"}]}";
  }

  private static String request(String id, String rxnorm) {
    return "{\"resourceType\":\"MedicationRequest\",\"id\":\""
        + id
        + "\",\"status\":\"active\",\"intent\":\"order\","
        + "\"subject\":{\"reference\":\"Patient/sec-patient-1\"},"
        + "\"authoredOn\":\"2024-05-01T09:00:00Z\",\"medicationCodeableConcept\":{\"coding\":"
        + "[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\""
        + rxnorm
        + "\"}]},\"note\":[{\"text\":\"Zqxnotemarker\"}]}";
  }

  /**
   * Every log event of this JVM (the broker, the test's replay and tail clients) while the class
   * runs, with Kafka's loggers raised to INFO for it and kept off the console.
   */
  static final class LogCapture extends AppenderBase<ILoggingEvent> {
    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final List<String> raised = List.of("kafka", "org.apache.kafka", "state.change.logger");

    @Override
    public void start() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      setContext(context);
      super.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this);
      for (String name : raised) {
        Logger logger = context.getLogger(name);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(this);
      }
    }

    @Override
    public void stop() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
      for (String name : raised) {
        Logger logger = context.getLogger(name);
        logger.detachAppender(this);
        logger.setAdditive(true);
        logger.setLevel(null);
      }
      super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      String line = event.getLoggerName() + " - " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      lines.add(line);
    }
  }
}
