package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs one topology over NDJSON files with no broker (TopologyTestDriver) and writes what each
 * output topic received as {@code <role>.ndjson} (or {@code <topic>.ndjson} for extra sinks such as
 * routes), one JSON line per record, as `tail` prints them. Table-like inputs are fed first so that
 * lookups see them, as they would on a cluster that has been running.
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
      try (TopologyTestDriver driver =
          new TopologyTestDriver(topology.topology(), props, Instant.EPOCH)) {
        seed(driver, topology, avro);
        feed(driver, topology, inputsByRole);
        return writeOutputs(driver, topology, registry, outputDir);
      }
    } finally {
      MockSchemaRegistry.dropScope(scope);
      DataDirs.deleteRecursively(stateDir);
    }
  }

  /** Seeds (the interaction knowledge, say) go in first, as the runtime publishes them at start. */
  private static void seed(TopologyTestDriver driver, BuiltTopology topology, AvroSerdes avro) {
    for (TopicSeed<?> seed : topology.seeds()) {
      pipeSeed(driver, topology.config().topic(seed.role()), seed, avro);
    }
  }

  private static <V extends SpecificRecord> void pipeSeed(
      TopologyTestDriver driver, String topic, TopicSeed<V> seed, AvroSerdes avro) {
    TestInputTopic<String, V> input =
        driver.createInputTopic(
            topic,
            new StringSerializer(),
            avro.specific(seed.type()).serializer(),
            Instant.EPOCH,
            Duration.ZERO);
    seed.records().forEach(input::pipeInput);
  }

  private static void feed(
      TopologyTestDriver driver, BuiltTopology topology, Map<String, List<Path>> inputsByRole) {
    List<TopicRole<?>> ordered = new ArrayList<>(topology.definition().roles());
    ordered.sort(
        (a, b) ->
            Boolean.compare(
                a.kind() != TopicRole.Kind.TABLE_INPUT, b.kind() != TopicRole.Kind.TABLE_INPUT));
    for (TopicRole<?> role : ordered) {
      List<Path> files = inputsByRole.getOrDefault(role.name(), List.of());
      if (files.isEmpty()) {
        continue;
      }
      // Arrival time advances 1 ms a record, as a fast replay into a live cluster would.
      TestInputTopic<String, byte[]> input =
          driver.createInputTopic(
              topology.config().topic(role.name()),
              new StringSerializer(),
              new ByteArraySerializer(),
              Instant.EPOCH,
              Duration.ofMillis(1));
      for (Path file : files) {
        NdjsonLines.forEach(file, line -> input.pipeInput(ResourceIds.idOf(line), line));
      }
    }
  }

  private static Map<String, Long> writeOutputs(
      TopologyTestDriver driver,
      BuiltTopology topology,
      SchemaRegistryClient registry,
      Path outputDir) {
    Map<String, String> fileByTopic = new LinkedHashMap<>();
    for (TopicRole<?> role : topology.definition().roles()) {
      if (!role.isInput()) {
        fileByTopic.put(topology.config().topic(role.name()), role.name());
      }
    }
    topology.sinkTopics().forEach(t -> fileByTopic.putIfAbsent(t, t));
    Map<String, Long> counts = new LinkedHashMap<>();
    try {
      Files.createDirectories(outputDir);
      for (var entry : fileByTopic.entrySet()) {
        TestOutputTopic<byte[], byte[]> output =
            driver.createOutputTopic(
                entry.getKey(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        long offset = 0;
        try (BufferedWriter out =
            Files.newBufferedWriter(outputDir.resolve(entry.getValue() + ".ndjson"))) {
          for (TestRecord<byte[], byte[]> record : output.readRecordsToList()) {
            out.write(
                RecordJson.toLine(
                    RecordJson.toJson(
                        entry.getKey(),
                        0,
                        offset++,
                        timestampOf(record),
                        record.key(),
                        record.headers(),
                        record.value(),
                        registry)));
            out.newLine();
          }
        }
        counts.put(entry.getValue(), offset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /**
   * The record's timestamp, or -1 (Kafka's "no timestamp") when it has none: dead-letter records
   * are produced without one (a broker would stamp them on append), and the driver keeps it null.
   */
  private static long timestampOf(TestRecord<byte[], byte[]> record) {
    Long timestamp = record.timestamp();
    return timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp;
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("healthstreams-backtest");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
