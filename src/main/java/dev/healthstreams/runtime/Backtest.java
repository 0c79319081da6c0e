package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.support.BacktestMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs one topology over input files with no broker (TopologyTestDriver) and writes what each
 * output topic received as {@code <role>.ndjson} (or {@code <topic>.ndjson} for extra sinks such as
 * routes), one JSON line per record, as `tail` prints them.
 *
 * <p>Seeds go first, then the roles the topology declares as tables, each file in the order given,
 * so that lookups see them as on a cluster that has been running. Every other input is merged
 * across files in time order (see {@link TimeOrderedMerge}), a record's time being its line's
 * {@code timestamp}, else its envelope's {@code metadata.timestamp}, else that of the record before
 * it in its file, else its arrival. Lines are described in {@link InputLineParser}.
 */
public final class Backtest {
  private Backtest() {}

  /** Returns records written per output file name. */
  public static Map<String, Long> run(
      AppConfig config, String topologyName, Map<String, List<Path>> inputsByRole, Path outputDir) {
    String scope = "backtest-" + UUID.randomUUID();
    SchemaRegistryClient registry = SchemaRegistries.connect("mock://" + scope, Map.of());
    Path stateDir = tempStateDir();
    try {
      AvroSerdes avro = new AvroSerdes(registry);
      BuiltTopology topology =
          BuiltTopology.build(
              config.topology(topologyName).orElseThrow(),
              new BuildContext(avro, new SimpleMeterRegistry()));
      Properties props =
          StreamsProperties.forTopology(config, topology, new DeadLetterCounter(null));
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      // Under exactly-once the driver loses what the deserialization handler writes (dead letters
      // of values that do not deserialize): they are sent outside processing, into a transaction
      // the driver's MockProducer.clear() drops before committing. One process and no broker
      // needs no transactions, and the outputs are the same.
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
      props.put(BacktestMode.CONFIG, "true");
      try (TopologyTestDriver driver =
              new TopologyTestDriver(topology.topology(), props, Instant.EPOCH);
          BacktestOutputs outputs = new BacktestOutputs(driver, topology, registry, outputDir)) {
        BacktestFeeder feeder = new BacktestFeeder(driver, topology, avro, props, outputs);
        for (TopicSeed<?> seed : topology.seeds()) {
          feeder.seed(seed);
        }
        feedTables(feeder, topology, avro, inputsByRole);
        feedStreams(feeder, topology, avro, inputsByRole);
        return outputs.finish();
      }
    } finally {
      MockSchemaRegistry.dropScope(scope);
      DataDirs.deleteRecursively(stateDir);
    }
  }

  /** Table roles in the order the topology declares them, each file whole, in the order given. */
  private static void feedTables(
      BacktestFeeder feeder,
      BuiltTopology topology,
      AvroSerdes avro,
      Map<String, List<Path>> inputsByRole) {
    int sequence = 0;
    for (TopicRole<?> role : rolesOf(topology, TopicRole.Kind.TABLE_INPUT)) {
      InputLineParser parser = parser(topology, role, avro);
      for (Path path : inputsByRole.getOrDefault(role.name(), List.of())) {
        try (InputFile file = new InputFile(path, sequence++, parser)) {
          for (InputRecord record = file.take(); record != null; record = file.take()) {
            feeder.feed(record);
          }
        }
      }
    }
  }

  /** Every stream input file, of every stream role, in one merge by time. */
  private static void feedStreams(
      BacktestFeeder feeder,
      BuiltTopology topology,
      AvroSerdes avro,
      Map<String, List<Path>> inputsByRole) {
    List<InputFile> files = new ArrayList<>();
    try {
      for (TopicRole<?> role : rolesOf(topology, TopicRole.Kind.STREAM_INPUT)) {
        InputLineParser parser = parser(topology, role, avro);
        for (Path path : inputsByRole.getOrDefault(role.name(), List.of())) {
          files.add(new InputFile(path, files.size(), parser));
        }
      }
    } catch (RuntimeException e) {
      files.forEach(InputFile::close);
      throw e;
    }
    try (TimeOrderedMerge merge = new TimeOrderedMerge(files)) {
      for (InputRecord record = merge.next(); record != null; record = merge.next()) {
        feeder.feed(record);
      }
    }
  }

  private static List<TopicRole<?>> rolesOf(BuiltTopology topology, TopicRole.Kind kind) {
    return topology.definition().roles().stream().filter(r -> r.kind() == kind).toList();
  }

  private static InputLineParser parser(
      BuiltTopology topology, TopicRole<?> role, AvroSerdes avro) {
    return new InputLineParser(role, topology.config().topics(role.name()), avro);
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("healthstreams-backtest");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
