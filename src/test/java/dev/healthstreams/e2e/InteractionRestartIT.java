package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.SyntheaExport;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.interaction.MedicationInteractionTopology;
import dev.healthstreams.topology.interaction.SimpleInteractionOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * medication-interaction stopped cleanly and started again on the same state directory, on a real
 * broker and registry: the Synthea requests go in two halves around the restart, then the
 * Medications and the first third of the requests are delivered again. Every interacting pair the
 * oracle finds in the whole export is written once, none is lost or repeated across the restart,
 * and alerts after it still carry the patient and resolve Medications from before it.
 *
 * <p>A record that is not Avro sits on the knowledge topic (a global table) from the start: it
 * reaches the dead-letter topic, and the global thread goes on, live and after the restart.
 */
class InteractionRestartIT {
  private static final Path SYNTHEA = SyntheaExport.dir();
  private static final Path KNOWLEDGE = MedicationInteractionIT.KNOWLEDGE;
  private static final String NAME = MedicationInteractionTopology.NAME;
  private static final String REQUESTS = "fhir.medicationrequest";
  private static final String MEDICATIONS = "fhir.medication";
  private static final String PATIENTS = "fhir.patient";
  private static final String ALERTS = "alerts.medication";
  private static final String KNOWLEDGE_TOPIC = "healthstreams.interaction-knowledge";
  private static final String DEAD_LETTERS = "healthstreams.medication-interaction.dlq";
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestCluster cluster;
  static AppConfig config;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestCluster.start(dir.resolve("cluster"));
    Path file =
        cluster.writeConfig(dir.resolve("topologies.yaml"), dir.resolve("state"), Http.freePort());
    config = TopologyRegistry.discover().loader(Map.of()).load(file);
    cluster.createTopicsOf(file, "medication-interaction");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldNeitherLoseNorRepeatAnAlertAcrossACleanRestart() throws Exception {
    List<String> requests = lines(SYNTHEA.resolve("MedicationRequest.ndjson.gz"));
    List<String> firstHalf = requests.subList(0, requests.size() / 2);
    List<String> secondHalf = requests.subList(requests.size() / 2, requests.size());
    Map<String, String> expectedBefore = oracle(firstHalf);
    Map<String, String> expected = oracle(requests);
    assertTrue(
        expected.size() > expectedBefore.size() && !expectedBefore.isEmpty(),
        "pairs fire on both sides of the restart: " + expectedBefore.size() + " of " + expected);

    try (StreamsApp app = startApp()) {
      producePoison(KNOWLEDGE_TOPIC);
      produce(PATIENTS, lines(SYNTHEA.resolve("Patient.ndjson.gz")));
      produce(MEDICATIONS, lines(SYNTHEA.resolve("Medication.ndjson.gz")));
      produce(REQUESTS, firstHalf);
      awaitDrained(app);
    }
    assertEquals(List.of(), deadLetterProducerThreads(), "closed with the topology");
    assertEquals(expectedBefore, severities(readAlerts()));
    try (var state = Files.list(config.app().stateDir())) {
      assertTrue(state.findAny().isPresent(), "the state directory survived the close");
    }

    try (StreamsApp app = startApp()) {
      produce(REQUESTS, secondHalf);
      awaitDrained(app);
      // Re-deliveries: the Medication join emits its requests again, and the requests themselves.
      produce(MEDICATIONS, lines(SYNTHEA.resolve("Medication.ndjson.gz")));
      produce(REQUESTS, requests.subList(0, requests.size() / 3));
      awaitDrained(app);
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(DEAD_LETTERS);
    assertTrue(!deadLetters.isEmpty(), "the poison knowledge record was dead-lettered");
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      assertEquals(KNOWLEDGE_TOPIC, header(letter, DeadLetterHeaders.SOURCE_TOPIC));
      assertEquals("not avro", new String(letter.value(), StandardCharsets.UTF_8));
    }

    List<MedicationInteractionAlert> alerts = readAlerts();
    assertEquals(expected, severities(alerts));
    assertEquals(expected.size(), alerts.size(), "each pair once");
    for (MedicationInteractionAlert alert : alerts) {
      assertNotNull(
          alert.getPatientMrn(), "enriched from the patient table: " + alert.getAlertId());
    }
  }

  /** The network threads of the global dead-letter producers still in this JVM. */
  private static List<String> deadLetterProducerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.contains("-global-dead-letters"))
        .toList();
  }

  private static StreamsApp startApp() throws Exception {
    StreamsApp app = StreamsApp.start(config, List.of(NAME));
    Await.until(
        "running", TIMEOUT, () -> app.topologies().get(0).state() == KafkaStreams.State.RUNNING);
    return app;
  }

  private static Map<String, String> oracle(List<String> requestLines) throws IOException {
    Path file = Files.createTempFile(dir, "requests", ".ndjson");
    Files.write(file, requestLines, StandardCharsets.UTF_8);
    return new SimpleInteractionOracle(Files.readString(KNOWLEDGE))
        .run(List.of(SYNTHEA.resolve("Medication.ndjson.gz")), List.of(file));
  }

  private static Map<String, String> severities(List<MedicationInteractionAlert> alerts) {
    Map<String, String> bySeverity = new HashMap<>();
    alerts.forEach(a -> bySeverity.put(a.getAlertId(), a.getSeverity().name()));
    return bySeverity;
  }

  private static void producePoison(String topic) throws Exception {
    Map<String, Object> props =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, "not-an-interaction", "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  /** Each line keyed by its resource id, as `replay` does. */
  private static void produce(String topic, List<String> lines) throws IOException {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (String line : lines) {
        String id = JSON.readTree(line).path("id").asText();
        producer.send(new ProducerRecord<>(topic, id, line.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /**
   * Until the application has committed past every record of every topic it reads: the inputs
   * (written here without transactions, so their end is their last record plus one) and its own
   * repartition and subscription topics (written in transactions, so their end is one commit marker
   * further).
   */
  private static void awaitDrained(StreamsApp app) throws Exception {
    String applicationId = config.app().applicationId(NAME);
    Set<String> inputs = Set.of(REQUESTS, MEDICATIONS, PATIENTS);
    try (Admin admin = cluster.admin()) {
      Await.until(
          "the application caught up with its inputs",
          TIMEOUT,
          () -> {
            if (app.topologies().get(0).state() != KafkaStreams.State.RUNNING) {
              return false;
            }
            Set<String> read =
                admin.listTopics().names().get().stream()
                    .filter(t -> inputs.contains(t) || isReadInternally(t, applicationId))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin
                .describeTopics(read)
                .allTopicNames()
                .get()
                .forEach(
                    (topic, description) ->
                        description
                            .partitions()
                            .forEach(
                                p ->
                                    latest.put(
                                        new TopicPartition(topic, p.partition()),
                                        OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            for (var end : ends.entrySet()) {
              long last = end.getValue().offset();
              OffsetAndMetadata done = committed.get(end.getKey());
              long at = done == null ? 0 : done.offset();
              long needed = inputs.contains(end.getKey().topic()) ? last : last - 1;
              if (last > 0 && at < needed) {
                return false;
              }
            }
            return true;
          });
    }
  }

  private static boolean isReadInternally(String topic, String applicationId) {
    return topic.startsWith(applicationId + "-") && !topic.endsWith("-changelog");
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Every committed record of a topic, from the beginning to its end. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    try (var consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("did not reach the end of " + topic);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }

  /** Every committed alert on the topic, from the beginning to its end. */
  private static List<MedicationInteractionAlert> readAlerts() {
    SchemaRegistryClient registry = SchemaRegistries.connect(cluster.registry.url(), Map.of());
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (registry;
        var consumer =
            new KafkaConsumer<>(
                props,
                new StringDeserializer(),
                new AvroSerdes(registry)
                    .specific(MedicationInteractionAlert.class)
                    .deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(ALERTS).stream()
              .map(p -> new TopicPartition(ALERTS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<MedicationInteractionAlert> alerts = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("did not reach the end of " + ALERTS);
        }
        for (ConsumerRecord<String, MedicationInteractionAlert> record :
            consumer.poll(Duration.ofMillis(500))) {
          alerts.add(record.value());
        }
      }
      return alerts;
    }
  }

  private static List<String> lines(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    }
  }
}
