package dev.healthstreams.bench;

import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.TopologyDefinition.BenchRoles;
import dev.healthstreams.topology.TopologyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives a {@link BenchPlan} for any registered topology from what it declares: the stream input
 * its {@link TopologyDefinition#benchRoles()} names is timed and its bench output measured, the
 * other sampled inputs it preloads (by default all of them) are loaded first, its topics come from
 * {@link TopicPlan}. A topology configured in the given config keeps its settings and topics
 * (renamed per run); one that is not gets topics named after its roles and its default settings.
 * The pass-through ceiling is added to the registry here.
 */
public final class BenchPlanner {
  static final int PARTITIONS = 4;

  /** What every bench run measures first, in this order: the pass-through, the read-only. */
  static final List<TopologyDefinition<?>> CEILINGS =
      List.of(new PassthroughTopology(), new ReadOnlyTopology());

  /** The ceilings' names, in their order. */
  public static List<String> ceilings() {
    return CEILINGS.stream().map(TopologyDefinition::name).toList();
  }

  private final TopologyRegistry registry;

  /** The latency curve's loads by default: 10, 25, 50 and 75 %. */
  public static final int DEFAULT_LATENCY_POINTS = 4;

  private final int copies;
  private final InputCaps caps;
  private final int latencyPoints;

  public BenchPlanner(TopologyRegistry registry, int copies, InputCaps caps) {
    this(registry, copies, caps, DEFAULT_LATENCY_POINTS);
  }

  /**
   * @param latencyPoints how many loads the latency curve measures, each on copies of its own
   */
  public BenchPlanner(TopologyRegistry registry, int copies, InputCaps caps, int latencyPoints) {
    TopologyRegistry withCeilings = registry;
    for (TopologyDefinition<?> ceiling : CEILINGS) {
      if (withCeilings.byName(ceiling.name()).isEmpty()) {
        withCeilings = withCeilings.with(ceiling);
      }
    }
    this.registry = withCeilings;
    this.copies = copies;
    this.caps = caps;
    this.latencyPoints = latencyPoints;
  }

  /** Copies of the sample patients each phase takes. */
  public int copies() {
    return copies;
  }

  /** The registered topologies the bench can time, the ceilings first. */
  public List<String> benchable() {
    List<String> names = new ArrayList<>(ceilings());
    registry.all().stream()
        .filter(d -> d.benchRoles().isPresent() && !names.contains(d.name()))
        .forEach(d -> names.add(d.name()));
    return names;
  }

  /** Why the bench cannot time a topology of that name, if it cannot. */
  public Optional<String> problem(String name) {
    Optional<TopologyDefinition<?>> definition = registry.byName(name);
    if (definition.isEmpty()) {
      return Optional.of(
          "unknown topology '" + name + "'; one of " + String.join(", ", benchable()));
    }
    if (definition.get().benchRoles().isEmpty()) {
      return Optional.of(
          "topology '" + name + "' declares no stream input with a sample and no output to time");
    }
    return Optional.empty();
  }

  /** What is wrong with the input caps: a sample no registered topology declares, a cap below 1. */
  public List<String> capProblems() {
    List<String> problems = new ArrayList<>();
    if (caps.otherwise() < 1) {
      problems.add("the input cap must be at least 1, was " + caps.otherwise());
    }
    List<String> samples = samples();
    caps.bySample()
        .forEach(
            (sample, cap) -> {
              if (!samples.contains(sample)) {
                problems.add(
                    "unknown sample '" + sample + "'; one of " + String.join(", ", samples));
              } else if (cap < 1) {
                problems.add("the input cap of " + sample + " must be at least 1, was " + cap);
              }
            });
    return problems;
  }

  /** Short names of the samples the registered topologies declare ("Observation", ...). */
  private List<String> samples() {
    return registry.all().stream()
        .flatMap(d -> d.roles().stream())
        .map(TopicRole::sample)
        .filter(Objects::nonNull)
        .map(SampleData::shortName)
        .distinct()
        .toList();
  }

  /** A scaler over every sample the registered topologies declare, so ids rename consistently. */
  public InputScaler scaler() {
    return new InputScaler(SampleData.declaredBy(registry));
  }

  public BenchPlan plan(AppConfig base, String name, String runLabel) {
    problem(name)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    TopologyDefinition<?> definition = registry.byName(name).orElseThrow();
    BenchRoles roles = definition.benchRoles().orElseThrow();
    AppConfig config = configFor(base, definition, runLabel);
    TopologyConfig<?> topology = config.topology(name).orElseThrow();
    String sample = definition.role(roles.input()).sample();
    if (sample == null) {
      throw new IllegalArgumentException(
          "topology '" + name + "' times role " + roles.input() + ", which has no sample");
    }
    if (roles.preloaded() != null) {
      for (String preloaded : roles.preloaded()) {
        TopicRole<?> role = definition.role(preloaded);
        if (!role.isInput() || role.sample() == null || preloaded.equals(roles.input())) {
          throw new IllegalArgumentException(
              "topology '"
                  + name
                  + "' preloads role "
                  + preloaded
                  + ", which is not another input with a sample");
        }
      }
    }
    List<Feed> tables = new ArrayList<>();
    for (TopicRole<?> role : definition.roles()) {
      // The other sampled inputs the timed one depends on go first (by default all of them),
      // streams too: consents before the requests decided against them, as tables before the
      // records they enrich.
      if (role.isInput() && role.sample() != null && roles.preloads(role.name())) {
        topology.topics(role.name()).forEach(t -> tables.add(Feed.of(role, t)));
      }
    }
    Map<String, TopicSpec> topics =
        TopicPlan.external(Topologies.forInspection(config, List.of(name)), PARTITIONS, (short) 1);
    return new BenchPlan(
        name,
        config,
        copies,
        latencyPoints,
        Feed.of(definition.role(roles.input()), topology.topic(roles.input())),
        caps.of(sample),
        tables,
        roles.output() == null ? null : topology.topic(roles.output()),
        topics,
        roles.queries(),
        roles.latencyTarget());
  }

  /** The topology alone, its topics renamed for this run only. */
  private static AppConfig configFor(
      AppConfig base, TopologyDefinition<?> definition, String runLabel) {
    String name = definition.name();
    TopologyConfig<?> original = base.topology(name).orElseGet(() -> declared(definition));
    Map<String, List<String>> topics = new LinkedHashMap<>();
    original
        .topicsByRole()
        .forEach(
            (role, names) ->
                topics.put(
                    role, names.stream().map(t -> t + ".bench-" + name + runLabel).toList()));
    Map<String, TopologyConfig<?>> only = new LinkedHashMap<>();
    only.put(name, original.withTopics(topics));
    return new AppConfig(base.kafka(), base.app(), only);
  }

  /** A topology the config does not name: a topic per role, named after it; default settings. */
  private static <S> TopologyConfig<S> declared(TopologyDefinition<S> definition) {
    Map<String, String> topics = new LinkedHashMap<>();
    definition.roles().forEach(role -> topics.put(role.name(), role.name()));
    try {
      S settings = ConfigLoader.readSettings("{}", definition.settingsReader(), Map.of());
      return TopologyConfig.of(definition, topics, settings);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "topology '"
              + definition.name()
              + "' is not configured and has settings without a default: "
              + e.getMessage(),
          e);
    }
  }
}
