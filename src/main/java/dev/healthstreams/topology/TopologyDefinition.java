package dev.healthstreams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologySchema;
import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.QueryEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;

/**
 * A named topology: the topic roles it reads and writes (with their formats and samples), how its
 * settings are read, how it is built, what it seeds. Registered once in {@code
 * META-INF/services/dev.healthstreams.topology.TopologyDefinition}; the CLI, runtime and bench find
 * it there and need no change for it.
 */
public interface TopologyDefinition<S> extends TopologySchema<S> {
  @Override
  String name();

  /** One line for `list`. */
  String description();

  List<TopicRole<?>> roles();

  @Override
  SettingsReader<S> settingsReader();

  Topology build(TopologyContext<S> context);

  /**
   * Why the topology cannot keep at-least-once's promise (nothing lost, duplicates allowed) through
   * a crash, if it cannot: `run` and `demo` then refuse it under {@code at_least_once}. Empty by
   * default.
   */
  default Optional<String> atLeastOnceGap() {
    return Optional.empty();
  }

  /** What the topology's table-like inputs must hold from its settings; none by default. */
  default List<TopicSeed<?>> seeds(S settings) {
    return List.of();
  }

  /**
   * The HTTP queries the topology answers from its stores (served by the runtime); none by default.
   */
  default List<QueryEndpoint> queries(S settings, MeterRegistry metrics) {
    return queries(settings);
  }

  /** The queries, for a topology whose answers need no metrics. */
  default List<QueryEndpoint> queries(S settings) {
    return List.of();
  }

  /**
   * One line that sums up an output record for the demo console, from its JSON form (Avro as `tail`
   * prints it). Ids and codes only: a demo screen may be shared, so no names or values that
   * identify a patient.
   */
  default String summarize(String role, JsonNode value) {
    return OutputSummaries.generic(value);
  }

  /**
   * The input the bench times and the output it measures latency on; by default the first stream
   * input that has a sample and the first output. Empty when the topology has neither.
   */
  default Optional<BenchRoles> benchRoles() {
    Optional<String> input =
        roles().stream()
            .filter(r -> r.kind() == TopicRole.Kind.STREAM_INPUT && r.sample() != null)
            .map(TopicRole::name)
            .findFirst();
    Optional<String> output =
        roles().stream()
            .filter(r -> r.kind() == TopicRole.Kind.OUTPUT)
            .map(TopicRole::name)
            .findFirst();
    return input.flatMap(in -> output.map(out -> new BenchRoles(in, out)));
  }

  /**
   * The stream input a bench run times, the output whose latency it measures, the queries it times
   * afterwards (none by default), which other sampled inputs it loads before timing, and the p99
   * its latency curve is held to.
   *
   * @param preloaded the other inputs the timed one depends on, loaded first; null (the default)
   *     loads every other input that has a sample
   * @param latencyTarget the p99 its issue asks of it; null (the default): the bench's
   */
  record BenchRoles(
      String input,
      String output,
      BenchQueries queries,
      List<String> preloaded,
      Duration latencyTarget) {
    public BenchRoles {
      preloaded = preloaded == null ? null : List.copyOf(preloaded);
    }

    public BenchRoles(String input, String output) {
      this(input, output, BenchQueries.NONE, null, null);
    }

    public BenchRoles withQueries(BenchQueries timed) {
      return new BenchRoles(input, output, timed, preloaded, latencyTarget);
    }

    /**
     * Only these inputs are loaded before the timed one (none when empty): what the timed input
     * needs, rather than every sampled input (a topology whose other streams are large and
     * unrelated would otherwise spend the run loading them).
     */
    public BenchRoles preloading(String... roles) {
      return new BenchRoles(input, output, queries, List.of(roles), latencyTarget);
    }

    /** The p99 the report finds the highest load within, unless the bench is given one. */
    public BenchRoles withLatencyTarget(Duration p99) {
      return new BenchRoles(input, output, queries, preloaded, p99);
    }

    /** Whether the bench loads input {@code role} (which has a sample) before the timed one. */
    public boolean preloads(String role) {
      return !role.equals(input) && (preloaded == null || preloaded.contains(role));
    }
  }

  @Override
  default List<String> topicRoles() {
    return roles().stream().map(TopicRole::name).toList();
  }

  @Override
  default Set<String> multiTopicRoles() {
    return roles().stream()
        .filter(TopicRole::manyTopics)
        .map(TopicRole::name)
        .collect(Collectors.toUnmodifiableSet());
  }

  default TopicRole<?> role(String name) {
    return roles().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("topology " + name() + " has no role " + name));
  }
}
