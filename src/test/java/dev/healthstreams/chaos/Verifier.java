package dev.healthstreams.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.TopicRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every output topic {@code read_committed} and compares it with the backtest's file of the
 * same output. A stream output is compared record for record; a table output (compacted: PA views,
 * stats) by its latest value per key, which is what it means (how many updates of a key reach the
 * topic depends on when they are published, live and in the backtest alike). The PA stats are
 * compared whole under at-least-once too: they are published as sums of parts derived from the
 * views, not counted event by event, so an event read twice is not counted twice.
 */
final class Verifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AppConfig config;
  private final List<BuiltTopology> topologies;

  Verifier(AppConfig config, List<BuiltTopology> topologies) {
    this.config = config;
    this.topologies = topologies;
  }

  /** Per topology, per output topic (" (table)" marks a table output), the figures. */
  Map<String, Map<String, OutputComparison.Result>> compare(Map<String, Path> backtests)
      throws Exception {
    Map<String, Map<String, OutputComparison.Result>> results = new LinkedHashMap<>();
    try (SchemaRegistryClient registry =
        SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), config.kafka().properties())) {
      for (BuiltTopology topology : topologies) {
        Map<String, OutputComparison.Result> byTopic = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(backtests.get(topology.name()))) {
          for (Path file : files.sorted().toList()) {
            String name = file.getFileName().toString().replace(".ndjson", "");
            Optional<TopicRole<?>> role = roleNamed(topology, name);
            String topic = role.map(r -> topology.config().topic(r.name())).orElse(name);
            boolean table = role.map(TopicRole::compacted).orElse(false);
            boolean withoutMetadata = isMedicationAlerts(topology, name);
            OutputComparison comparison = new OutputComparison();
            OutputComparison.Result result;
            if (table) {
              Map<String, String> expected = latestByKey(file, withoutMetadata);
              expected.values().forEach(comparison::expected);
              Map<String, String> latest = new LinkedHashMap<>();
              read(
                  topic,
                  registry,
                  line -> latest.put(keyOf(line), identity(line, withoutMetadata)));
              latest.values().stream().filter(v -> v != null).forEach(comparison::received);
              result = comparison.result(expected.values().stream());
            } else {
              try (Stream<String> identities = identities(file, withoutMetadata)) {
                identities.forEach(comparison::expected);
              }
              read(topic, registry, line -> comparison.received(identity(line, withoutMetadata)));
              try (Stream<String> again = identities(file, withoutMetadata)) {
                result = comparison.result(again);
              }
            }
            byTopic.put(topic + (table ? " (table)" : ""), result);
          }
        }
        results.put(topology.name(), byTopic);
      }
    }
    return results;
  }

  /**
   * Which two requests make a medication pair's alert is fixed, but which of the two arrived second
   * (its causation, event id and time) depends on the order the patient's requests, keyed by their
   * own ids on several partitions, reach the repartition by patient: the alert is compared without
   * its metadata.
   */
  private static boolean isMedicationAlerts(BuiltTopology topology, String file) {
    return topology.name().equals(ChaosInput.INTERACTION) && file.equals("alerts");
  }

  private static Optional<TopicRole<?>> roleNamed(BuiltTopology topology, String name) {
    return topology.definition().roles().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  private static Map<String, String> latestByKey(Path file, boolean withoutMetadata)
      throws IOException {
    Map<String, String> latest = new LinkedHashMap<>();
    try (Stream<JsonNode> lines = lines(file)) {
      lines.forEach(line -> latest.put(keyOf(line), identity(line, withoutMetadata)));
    }
    latest.values().removeIf(v -> v == null);
    return latest;
  }

  /** The identities of a backtest file's records, read as they are used (600,000 in full). */
  private static Stream<String> identities(Path file, boolean withoutMetadata) throws IOException {
    return lines(file).map(line -> identity(line, withoutMetadata)).filter(i -> i != null);
  }

  private static String keyOf(JsonNode line) {
    return line.path("key").asText();
  }

  /** Key and value; null for a tombstone. */
  private static String identity(JsonNode line, boolean withoutMetadata) {
    JsonNode value = line.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    if (withoutMetadata && value.isObject()) {
      value = ((ObjectNode) value.deepCopy()).without("metadata");
    }
    return keyOf(line) + "\t" + value;
  }

  private static Stream<JsonNode> lines(Path file) throws IOException {
    return Files.lines(file).map(Verifier::parse);
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every committed record of the topic, from the beginning to its end, in partition order. */
  private void read(String topic, SchemaRegistryClient registry, Consumer<JsonNode> each) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          each.accept(RecordJson.toJson(record, registry));
        }
      }
    }
  }
}
