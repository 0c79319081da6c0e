package dev.healthstreams.cli.console;

import dev.healthstreams.cli.console.DemoScreen.Link;
import dev.healthstreams.cli.console.DemoScreen.Row;
import dev.healthstreams.cli.console.DemoTally.TopologyCounts;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.RunningTopology;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyDefinition.BenchRoles;
import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The demo's summary from the running app: each topology's state and records read (its consumers'
 * metrics) against the records fed to its sampled inputs, the tally of its outputs, and the
 * endpoints to try with keys its stores hold.
 */
public final class DemoFrames implements DemoConsole.Frames {
  private final List<BuiltTopology> shapes;
  private final StreamsApp app;
  private final DemoTally tally;
  private final Path logFile;
  private final long startNanos = System.nanoTime();
  private final Map<String, Long> fedByTopic = new ConcurrentHashMap<>();
  private final Map<String, String> resolvedExamples = new ConcurrentHashMap<>();
  private final Map<String, List<QueryEndpoint>> queries = new LinkedHashMap<>();

  public DemoFrames(List<BuiltTopology> shapes, StreamsApp app, DemoTally tally, Path logFile) {
    this.shapes = shapes;
    this.app = app;
    this.tally = tally;
    this.logFile = logFile;
    shapes.forEach(shape -> queries.put(shape.name(), shape.queries()));
  }

  /** Records the demo sent to a topic (called as each sample is sent). */
  public void fed(String topic, long records) {
    fedByTopic.merge(topic, records, Long::sum);
  }

  @Override
  public List<String> frame(int lastOutputs, boolean last) {
    long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    String header =
        last
            ? String.format("healthstreams demo: stopped after %d s; logs in %s", seconds, logFile)
            : String.format("healthstreams demo: %d s; Ctrl-C stops; logs in %s", seconds, logFile);
    List<Row> rows = new ArrayList<>();
    for (TopologyCounts counts : tally.snapshot()) {
      BuiltTopology shape = shape(counts.name());
      Optional<KafkaStreams> streams = streams(counts.name());
      Set<String> fedTopics = sampledInputs(shape);
      rows.add(
          new Row(
              counts,
              streams.map(s -> s.state().name()).orElse("-"),
              streams.map(s -> InputCounts.read(s, fedTopics)).orElse(0L),
              fedTopics.stream().mapToLong(t -> fedByTopic.getOrDefault(t, 0L)).sum()));
    }
    return DemoScreen.render(header, rows, links(), lastOutputs);
  }

  /** The topics of the inputs that have a sample: those the demo feeds. */
  static Set<String> sampledInputs(BuiltTopology shape) {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRole<?> role : shape.definition().roles()) {
      if (role.isInput() && role.sample() != null) {
        topics.addAll(shape.config().topics(role.name()));
      }
    }
    return topics;
  }

  private List<Link> links() {
    String base = "http://localhost:" + app.httpPort();
    List<Link> links = new ArrayList<>();
    links.add(new Link("health", base + "/health/ready"));
    links.add(new Link("", base + "/health/live"));
    links.add(new Link("metrics", base + "/metrics"));
    for (BuiltTopology shape : shapes) {
      BenchQueries bench =
          shape.definition().benchRoles().map(BenchRoles::queries).orElse(BenchQueries.NONE);
      for (QueryEndpoint endpoint : queries.get(shape.name())) {
        String id = shape.name() + " " + endpoint.path();
        String path =
            resolvedExamples.computeIfAbsent(
                id,
                k -> {
                  String example = QueryExamples.example(endpoint, bench, anyKeyOf(shape.name()));
                  return example.contains("{") ? null : example;
                });
        links.add(new Link(shape.name(), base + (path == null ? endpoint.path() : path)));
      }
    }
    return links;
  }

  private Function<String, Optional<Object>> anyKeyOf(String topology) {
    return store -> streams(topology).flatMap(streams -> firstKey(streams, store));
  }

  private static Optional<Object> firstKey(KafkaStreams streams, String store) {
    try {
      ReadOnlyKeyValueStore<Object, Object> values =
          streams.store(
              StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
      try (KeyValueIterator<Object, Object> all = values.all()) {
        return all.hasNext() ? Optional.ofNullable(all.next().key) : Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional
          .empty(); // not queryable yet (restoring, rebalancing) or not a key-value store
    }
  }

  private BuiltTopology shape(String name) {
    return shapes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private Optional<KafkaStreams> streams(String name) {
    return app.topologies().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .map(RunningTopology::streams);
  }
}
