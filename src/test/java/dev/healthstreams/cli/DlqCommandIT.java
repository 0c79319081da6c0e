package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.cli.CliRunner.Result;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.deadletter.DeadLetter;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.obscount.ObservationCountTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlq list|show|replay} on a real broker, with the test-only observation-count topology: an
 * Observation without a patient and a record that is not JSON are dead-lettered; after the topology
 * is fixed (it now counts Observations without a patient under "unassigned"), replaying that reason
 * counts it, a second replay writes nothing, and replaying everything skips what was replayed and
 * sends the other back, which fails again and carries where it was replayed from.
 */
class DlqCommandIT {
  private static final String OBSERVATIONS = "dlq-it.observations";
  private static final String COUNTS = "dlq-it.counts";
  private static final String DLQ = "dlq-it.dlq";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldListShowAndReplayDeadLettersOnceAfterAFix() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      createTopics(kafka);
      Path broken = config(kafka, dir.resolve("broken.yaml"), "");
      Path fixed = config(kafka, dir.resolve("fixed.yaml"), "    unassigned-patient: unassigned\n");

      try (StreamsApp app = start(broken)) {
        produce(
            kafka, "obs-1", observation("obs-1", "\"subject\":{\"reference\":\"Patient/p1\"},"));
        produce(kafka, "obs-2", observation("obs-2", ""));
        produce(kafka, "obs-3", "not json at all");
        Await.until("two dead letters", TIMEOUT, () -> read(kafka, DLQ).size() == 2);
        Await.until("p1 counted", TIMEOUT, () -> counts(kafka).containsKey("p1"));
      }

      Result list = CliRunner.run("dlq", "list", "--config", broken.toString());
      assertEquals(0, list.exitCode(), list::describe);
      assertTrue(
          lineOf(list, "no-patient").contains("\t" + OBSERVATIONS + "\t1\t"), list::describe);
      assertTrue(lineOf(list, "not-json").contains("\t" + OBSERVATIONS + "\t1\t"), list::describe);

      Result hidden =
          CliRunner.run(
              "dlq",
              "show",
              "--config",
              broken.toString(),
              "--topology",
              ObservationCountTopology.NAME,
              "--reason",
              "no-patient");
      assertEquals(0, hidden.exitCode(), hidden::describe);
      JsonNode shown = JSON.readTree(hidden.out().strip());
      assertTrue(shown.path("value").asText().startsWith("<hidden"), hidden::describe);
      assertEquals(
          OBSERVATIONS, shown.path("headers").path(DeadLetterHeaders.SOURCE_TOPIC).asText());
      assertFalse(hidden.out().contains("obs-2"), "neither key nor value without --show-values");
      Result values =
          CliRunner.run(
              "dlq",
              "show",
              "--config",
              broken.toString(),
              "--topology",
              ObservationCountTopology.NAME,
              "--reason",
              "no-patient",
              "--show-values");
      assertTrue(values.out().contains("obs-2"), values::describe);

      try (StreamsApp app = start(fixed)) {
        Result dryRun = replay(fixed, "--reason", "no-patient", "--dry-run");
        assertTrue(dryRun.out().startsWith("would replay 1 dead letters"), dryRun::describe);
        Result first = replay(fixed, "--reason", "no-patient");
        assertTrue(first.out().startsWith("replayed 1 dead letters"), first::describe);
        Await.until(
            "the fixed topology counted it",
            TIMEOUT,
            () -> counts(kafka).containsKey("unassigned"));

        Result again = replay(fixed, "--reason", "no-patient");
        assertTrue(again.out().startsWith("replayed 0 dead letters"), again::describe);

        Result all = replay(fixed);
        assertTrue(all.out().startsWith("replayed 1 dead letters"), all::describe);
        assertTrue(all.out().contains("replayed before 1"), all::describe);
        Await.until(
            "the bad record dead-lettered again", TIMEOUT, () -> read(kafka, DLQ).size() == 3);
      }
      List<ConsumerRecord<byte[], byte[]>> letters = read(kafka, DLQ);
      ConsumerRecord<byte[], byte[]> again = letters.get(2);
      assertEquals("not json at all", new String(again.value(), StandardCharsets.UTF_8));
      assertEquals(
          DLQ + "/0/" + letters.get(1).offset(),
          new String(
              again.headers().lastHeader(DeadLetter.REPLAYED_FROM).value(),
              StandardCharsets.UTF_8));
      assertEquals(1, counts(kafka).get("unassigned"), "replayed once, counted once");

      Result unknown =
          CliRunner.run("dlq", "replay", "--config", fixed.toString(), "--topology", "nope");
      assertEquals(2, unknown.exitCode(), unknown::describe);
    }
  }

  private static Result replay(Path config, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dlq",
                "replay",
                "--config",
                config.toString(),
                "--topology",
                ObservationCountTopology.NAME));
    args.addAll(List.of(options));
    Result result = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result::describe);
    return result;
  }

  private static String lineOf(Result result, String text) {
    return result.out().lines().filter(l -> l.contains(text)).findFirst().orElse("");
  }

  private static StreamsApp start(Path config) throws Exception {
    AppConfig loaded = TopologyRegistry.discover().loader(Map.of()).load(config);
    StreamsApp app = StreamsApp.start(loaded, List.of(ObservationCountTopology.NAME));
    Await.until(
        "running", TIMEOUT, () -> app.topologies().get(0).state() == KafkaStreams.State.RUNNING);
    return app;
  }

  private Path config(EmbeddedKafka kafka, Path file, String settings) throws Exception {
    return Files.writeString(
        file,
        """
        kafka:
          bootstrap-servers: %s
          schema-registry-url: mock://dlq-command-it
          # The counts are a cached table: flushed at each commit, not every 30 s.
          properties: {commit.interval.ms: "100"}
        app:
          state-dir: %s
          http-port: 0
          processing-guarantee: at_least_once
          num-standby-replicas: 0
          startup-timeout: PT10S
        topologies:
          observation-count:
            topics: {observations: %s, counts: %s, dead-letter: %s}
        %s"""
            .formatted(
                kafka.bootstrapServers(),
                dir.resolve("state"),
                OBSERVATIONS,
                COUNTS,
                DLQ,
                settings));
  }

  private static void createTopics(EmbeddedKafka kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(OBSERVATIONS, 1, (short) 1),
                  new NewTopic(COUNTS, 1, (short) 1),
                  new NewTopic(DLQ, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static String observation(String id, String subject) {
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\"final\","
        + subject
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]}}";
  }

  private static void produce(EmbeddedKafka kafka, String key, String value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(OBSERVATIONS, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** The latest count per patient on the counts table. */
  private static Map<String, Integer> counts(EmbeddedKafka kafka) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : read(kafka, COUNTS)) {
      JsonNode value = JSON.readTree(record.value());
      counts.put(value.path("patientId").asText(), value.path("observations").asInt());
    }
    return counts;
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
