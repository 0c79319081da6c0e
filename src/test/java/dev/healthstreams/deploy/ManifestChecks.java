package dev.healthstreams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.deploy.Kustomization.Resource;
import dev.healthstreams.topology.TopologyRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * What can drift between deploy/kubernetes and the app, one method per kind of drift, each
 * returning its problems (empty when the manifests agree with the app). Every StatefulSet is read
 * with the environment its pods would have ({@link PodEnvironment}) and the configuration it
 * mounts, loaded by the app's own {@link ConfigLoader}.
 */
final class ManifestChecks {
  static final String CONFIG_MAP = "healthstreams-config";
  static final String CONFIG_KEY = "topologies.yaml";

  /** Read by the JVM or the C library rather than by topologies.yaml. */
  static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

  /**
   * Native memory no JVM flag caps (thread stacks, GC structures, symbols, JIT and malloc arenas).
   * NMT measured about 135 MiB of it in a `demo` of all five topologies with the embedded broker in
   * the same JVM (160 threads); the manifests budget 256 MiB, this is the least a limit may leave.
   */
  static final long MIN_UNCAPPED_BYTES = 192L << 20;

  /** A startup probe shorter than this cannot cover restoring a replica's stores from scratch. */
  static final int MIN_STARTUP_SECONDS = 600;

  // ${NAME} or ${NAME:-default}: what the app substitutes (config providers are not matched).
  private static final Pattern CONFIG_VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

  private final Kustomization k;
  private static final TopologyRegistry REGISTRY = TopologyRegistry.discover();
  // Loading parses every rule and knowledge file; most broken copies leave most groups' input as
  // is.
  private static final Map<List<Object>, Loaded> LOADED = new ConcurrentHashMap<>();
  private final String configPath;
  private final String repositoryConfig;
  private final List<String> groupProblems = new ArrayList<>();
  private List<Group> groups;

  /**
   * @param configPath where the image's ENTRYPOINT reads the configuration ({@code --config})
   * @param repositoryConfig the repository's topologies.yaml
   */
  ManifestChecks(Kustomization k, String configPath, String repositoryConfig) {
    this.k = k;
    this.configPath = configPath;
    this.repositoryConfig = repositoryConfig;
  }

  /** One StatefulSet with the environment and configuration of its first pod. */
  record Group(
      Resource set, JsonNode pod, JsonNode container, PodEnvironment env, Optional<AppConfig> app) {
    String name() {
      return set.name();
    }

    String podName() {
      return set.name() + "-0";
    }

    JsonNode labels() {
      return pod.path("metadata").path("labels");
    }
  }

  String shippedConfig() {
    return k.configMaps().getOrDefault(CONFIG_MAP, Map.of()).getOrDefault(CONFIG_KEY, "");
  }

  /** Every StatefulSet as its first pod sees it; adds the problems of reading them. */
  List<Group> groups(List<String> problems) {
    if (groups == null) {
      groups = new ArrayList<>();
      for (Resource set : k.resources("StatefulSet")) {
        groups.add(group(set));
      }
      if (groups.isEmpty()) {
        groupProblems.add("no StatefulSet");
      }
    }
    problems.addAll(groupProblems);
    return groups;
  }

  private Group group(Resource set) {
    JsonNode pod = set.node().path("spec").path("template");
    JsonNode container = pod.path("spec").path("containers").path(0);
    PodEnvironment env = PodEnvironment.of(container, set.name() + "-0", k, set.name());
    groupProblems.addAll(env.problems());
    Loaded loaded =
        LOADED.computeIfAbsent(List.of(shippedConfig(), env.values()), key -> load(env));
    loaded.error().ifPresent(e -> groupProblems.add(set.name() + ": " + e));
    return new Group(set, pod, container, env, loaded.app());
  }

  /** A configuration as the app loads it, or why it does not. */
  private record Loaded(Optional<AppConfig> app, Optional<String> error) {}

  private Loaded load(PodEnvironment env) {
    try {
      AppConfig app =
          new ConfigLoader(REGISTRY.all(), env.values())
              .load(shippedConfig(), CONFIG_MAP + "/" + CONFIG_KEY);
      return new Loaded(Optional.of(app), Optional.empty());
    } catch (ConfigException e) {
      return new Loaded(
          Optional.empty(), Optional.of("the configuration does not load: " + e.getMessage()));
    }
  }

  /** Every variable a manifest sets is read; every variable the config needs is set. */
  List<String> environment() {
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> read = configVariables(shippedConfig());
    for (Group g : groups(problems)) {
      Set<String> helpers = new HashSet<>();
      for (JsonNode env : g.container().path("env")) {
        if (env.path("valueFrom").has("fieldRef")) {
          helpers.add(env.path("name").asText());
        }
      }
      for (String name : g.env().set()) {
        boolean helper = helpers.contains(name) && g.env().referenced().contains(name);
        if (!read.containsKey(name) && !LAUNCHER_VARIABLES.contains(name) && !helper) {
          problems.add(
              g.name()
                  + " sets "
                  + name
                  + ", which neither topologies.yaml nor the JVM"
                  + " reads (nor another variable, as $("
                  + name
                  + "))");
        }
      }
      read.forEach(
          (name, hasDefault) -> {
            if (!hasDefault && !g.env().values().containsKey(name)) {
              problems.add(g.name() + " does not set " + name + ", which topologies.yaml needs");
            }
          });
    }
    return problems;
  }

  /** The memory limit holds the heap, RocksDB's cap, every capped JVM area and the rest. */
  List<String> memory() {
    List<String> problems = new ArrayList<>();
    for (Group g : groups(problems)) {
      if (g.app().isEmpty()) {
        continue;
      }
      String options = g.env().values().getOrDefault("JAVA_TOOL_OPTIONS", "");
      long total = g.app().get().app().rocksdb().totalOffHeapBytes() + MIN_UNCAPPED_BYTES;
      for (String flag :
          List.of(
              "-Xmx",
              "-XX:MaxMetaspaceSize=",
              "-XX:ReservedCodeCacheSize=",
              "-XX:MaxDirectMemorySize=")) {
        Optional<Long> size = Sizes.jvm(options, flag);
        if (size.isEmpty()) {
          problems.add(
              g.name() + ": JAVA_TOOL_OPTIONS has no " + flag + ", so that area is" + " uncapped");
        }
        total += size.orElse(0L);
      }
      JsonNode resources = g.container().path("resources");
      long limit = Sizes.quantity(resources.path("limits").path("memory").asText("0"));
      long request = Sizes.quantity(resources.path("requests").path("memory").asText("0"));
      if (limit < total) {
        problems.add(
            g.name()
                + ": memory limit "
                + (limit >> 20)
                + " MiB is below heap + RocksDB"
                + " + capped JVM areas + "
                + (MIN_UNCAPPED_BYTES >> 20)
                + " MiB = "
                + (total >> 20)
                + " MiB");
      }
      if (request != limit) {
        // Below its limit a JVM pod is the first the node evicts under memory pressure.
        problems.add(g.name() + ": memory request " + (request >> 20) + " MiB is not its limit");
      }
    }
    return problems;
  }

  /** The HTTP port the config serves is the one containers, Services, probes and policies use. */
  List<String> ports() {
    List<String> problems = new ArrayList<>();
    for (Group g : groups(problems)) {
      if (g.app().isEmpty()) {
        continue;
      }
      int port = g.app().get().app().httpPort();
      Map<String, Integer> named = new HashMap<>();
      g.container()
          .path("ports")
          .forEach(p -> named.put(p.path("name").asText(), p.path("containerPort").asInt()));
      if (!named.containsValue(port)) {
        problems.add(g.name() + ": no containerPort is app.http-port " + port);
      }
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        JsonNode target = g.container().path(probe).path("httpGet").path("port");
        expectPort(problems, g.name() + " " + probe, target, named, port);
      }
      for (Resource service : selecting(g, "Service", "/spec/selector")) {
        for (JsonNode p : service.node().path("spec").path("ports")) {
          expectPort(problems, "Service " + service.name(), p.path("targetPort"), named, port);
        }
      }
      for (Resource policy : selecting(g, "NetworkPolicy", "/spec/podSelector/matchLabels")) {
        for (JsonNode rule : policy.node().path("spec").path("ingress")) {
          for (JsonNode p : rule.path("ports")) {
            expectPort(problems, "NetworkPolicy " + policy.name(), p.path("port"), named, port);
          }
        }
      }
      JsonNode scrape = g.pod().path("metadata").path("annotations").path("prometheus.io/port");
      if (!scrape.isMissingNode() && !scrape.asText().equals(String.valueOf(port))) {
        problems.add(g.name() + ": prometheus.io/port " + scrape.asText() + " is not " + port);
      }
    }
    return problems;
  }

  /** Probes are present, point at the HTTP port and ask paths with the right meaning. */
  List<String> probes(ProbePaths paths) {
    List<String> problems = new ArrayList<>();
    for (Group g : groups(problems)) {
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        JsonNode get = g.container().path(probe).path("httpGet");
        if (get.isMissingNode()) {
          problems.add(g.name() + ": no " + probe + " (httpGet)");
          continue;
        }
        problems.addAll(paths.check(g.name() + " " + probe, probe, get.path("path").asText()));
      }
      JsonNode startup = g.container().path("startupProbe");
      int seconds =
          startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
      if (seconds < MIN_STARTUP_SECONDS) {
        problems.add(
            g.name()
                + ": the startup probe allows "
                + seconds
                + " s, less than the "
                + MIN_STARTUP_SECONDS
                + " s a restore may take");
      }
    }
    return problems;
  }

  /** What a probe path must answer before the topologies run and once they do. */
  interface ProbePaths {
    List<String> check(String where, String probe, String path);
  }

  /**
   * The StatefulSet wiring: headless Service, advertised host, instance id, state volume, config
   * mount, topologies, grace period, disruption budget, network policy.
   */
  List<String> statefulSets() {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> runBy = new LinkedHashMap<>();
    for (Group g : groups(problems)) {
      JsonNode spec = g.set().node().path("spec");
      String serviceName = spec.path("serviceName").asText();
      Optional<Resource> headless =
          k.resources("Service").stream().filter(s -> s.name().equals(serviceName)).findFirst();
      if (headless.isEmpty()
          || !headless.get().node().at("/spec/clusterIP").asText().equals("None")
          || !selects(headless.get().node().at("/spec/selector"), g.labels())) {
        problems.add(
            g.name()
                + ": serviceName "
                + serviceName
                + " is not a headless Service"
                + " selecting its pods");
      }
      if (selecting(g, "Service", "/spec/selector").stream()
          .noneMatch(s -> !s.node().at("/spec/clusterIP").asText().equals("None"))) {
        problems.add(g.name() + ": no client Service selects its pods");
      }
      if (selecting(g, "PodDisruptionBudget", "/spec/selector/matchLabels").isEmpty()) {
        problems.add(g.name() + ": no PodDisruptionBudget selects its pods");
      }
      checkPolicy(problems, g, headless);
      for (String topology : topologyArguments(g.container().path("args"))) {
        runBy.computeIfAbsent(topology, t -> new ArrayList<>()).add(g.name());
        if (REGISTRY.byName(topology).isEmpty()) {
          problems.add(g.name() + ": runs " + topology + ", which is no registered topology");
        }
      }
      checkMounts(problems, g);
      if (g.app().isEmpty()) {
        continue;
      }
      var app = g.app().get().app();
      String expectedHost =
          g.podName() + "." + serviceName + "." + PodEnvironment.NAMESPACE + ".svc.cluster.local";
      if (!app.query().advertisedHost().equals(Optional.of(expectedHost))) {
        problems.add(
            g.name()
                + ": app.advertised-host is "
                + app.query().advertisedHost()
                + ", not the pod's name under its headless Service "
                + expectedHost);
      }
      if (!app.replicas().instanceId().equals(Optional.of(g.podName()))) {
        problems.add(
            g.name()
                + ": app.instance-id is "
                + app.replicas().instanceId()
                + ", not the pod's name (static membership)");
      }
      long grace = g.pod().path("spec").path("terminationGracePeriodSeconds").asLong(30);
      if (grace <= app.replicas().shutdownTimeout().toSeconds()) {
        problems.add(
            g.name()
                + ": terminationGracePeriodSeconds "
                + grace
                + " is not longer than app.shutdown-timeout "
                + app.replicas().shutdownTimeout());
      }
      Set<String> claims = new HashSet<>();
      spec.path("volumeClaimTemplates").forEach(c -> claims.add(c.at("/metadata/name").asText()));
      boolean stateOnClaim =
          StreamSupport.stream(g.container().path("volumeMounts").spliterator(), false)
              .anyMatch(
                  m ->
                      claims.contains(m.path("name").asText())
                          && m.path("mountPath").asText().equals(app.stateDir().toString()));
      if (!stateOnClaim) {
        problems.add(
            g.name()
                + ": app.state-dir "
                + app.stateDir()
                + " is not a persistent volume (volumeClaimTemplates)");
      }
    }
    Iterable<String> configured =
        () -> Kustomization.yaml(shippedConfig()).path("topologies").fieldNames();
    for (String topology : configured) {
      List<String> sets = runBy.getOrDefault(topology, List.of());
      if (sets.size() != 1) {
        problems.add(topology + " is run by " + sets + ", not by exactly one StatefulSet");
      }
    }
    return problems;
  }

  /** Secrets hold placeholders only; every config-provider file is a key of a mounted Secret. */
  List<String> secrets() {
    return new SecretChecks(this).secrets();
  }

  /** The shipped configuration loads and its topologies block is the repository's. */
  List<String> configuration() {
    return new SecretChecks(this).configuration();
  }

  Kustomization kustomization() {
    return k;
  }

  String repositoryConfig() {
    return repositoryConfig;
  }

  private void checkPolicy(List<String> problems, Group g, Optional<Resource> headless) {
    List<Resource> policies = selecting(g, "NetworkPolicy", "/spec/podSelector/matchLabels");
    if (policies.isEmpty()) {
      problems.add(g.name() + ": no NetworkPolicy selects its pods");
      return;
    }
    JsonNode peers = headless.map(h -> h.node().at("/spec/selector")).orElse(null);
    boolean admitsPeers =
        policies.stream()
            .flatMap(p -> StreamSupport.stream(p.node().at("/spec/ingress").spliterator(), false))
            .flatMap(rule -> StreamSupport.stream(rule.path("from").spliterator(), false))
            .anyMatch(from -> from.at("/podSelector/matchLabels").equals(peers));
    if (!admitsPeers) {
      problems.add(g.name() + ": no NetworkPolicy rule admits the headless Service's peers");
    }
  }

  private void checkMounts(List<String> problems, Group g) {
    boolean configMounted =
        StreamSupport.stream(g.container().path("volumeMounts").spliterator(), false)
            .filter(m -> m.path("mountPath").asText().equals(configPath))
            .filter(m -> m.path("subPath").asText().equals(CONFIG_KEY))
            .anyMatch(
                m ->
                    StreamSupport.stream(g.pod().at("/spec/volumes").spliterator(), false)
                        .anyMatch(
                            v ->
                                v.path("name").equals(m.path("name"))
                                    && v.at("/configMap/name").asText().equals(CONFIG_MAP)));
    if (!configMounted) {
      problems.add(
          g.name()
              + ": ConfigMap "
              + CONFIG_MAP
              + " is not mounted at "
              + configPath
              + ", where the image's ENTRYPOINT reads --config");
    }
  }

  private List<Resource> selecting(Group g, String kind, String selectorPointer) {
    return k.resources(kind).stream()
        .filter(r -> selects(r.node().at(selectorPointer), g.labels()))
        .toList();
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector == null || !selector.isObject() || selector.isEmpty()) {
      return false;
    }
    var fields = selector.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      if (!labels.path(entry.getKey()).equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static void expectPort(
      List<String> problems, String where, JsonNode target, Map<String, Integer> named, int port) {
    int resolved = target.isInt() ? target.asInt() : named.getOrDefault(target.asText(), -1);
    if (resolved != port) {
      problems.add(where + ": port " + target + " is not app.http-port " + port);
    }
  }

  static List<String> topologyArguments(JsonNode args) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i).asText();
      if ((arg.equals("--topology") || arg.equals("-t")) && i + 1 < args.size()) {
        names.add(args.get(++i).asText());
      } else if (arg.startsWith("--topology=")) {
        names.add(arg.substring("--topology=".length()));
      }
    }
    return names;
  }

  /** Variable name to whether it has a default, from the config's non-comment lines. */
  static Map<String, Boolean> configVariables(String yaml) {
    Map<String, Boolean> variables = new LinkedHashMap<>();
    yaml.lines()
        .filter(line -> !line.stripLeading().startsWith("#"))
        .forEach(
            line -> {
              Matcher m = CONFIG_VARIABLE.matcher(line);
              while (m.find()) {
                variables.merge(m.group(1), m.group(2) != null, Boolean::logicalAnd);
              }
            });
    return variables;
  }
}
