package dev.healthstreams.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink job on a MiniCluster (parallelism 2) against an embedded broker, fed the bundled
 * Synthea sample and a bad record, must write the alerts, routes and dead letters that the Kafka
 * Streams topology writes for the same input: the expected records come from {@code backtest} (the
 * topology under TopologyTestDriver), not from the job. One partition per input topic, so both see
 * each patient's Observations in the file's order, which suppression depends on.
 */
class ObservationAlertingJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGISTRY = "mock://ObservationAlertingJobTest";
  private static final String GROUP = "flink-observation-alerting-test";
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final String BAD_LINE = "this is not json";

  @TempDir Path work;

  @Test
  void shouldWriteTheAlertsRoutesAndDeadLettersTheTopologyWrites() throws Exception {
    Path stateDir = Files.createDirectories(work.resolve("state"));
    AppConfig repository =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("HEALTHSTREAMS_STATE_DIR", stateDir.toString()))
            .load(Path.of("topologies.yaml"));
    List<String> patients = sample("/sample/Patient.ndjson.gz");
    List<String> observations = new ArrayList<>(sample("/sample/Observation.ndjson.gz"));
    observations.add(observations.size() / 2, BAD_LINE);

    Map<String, List<String>> expected = backtest(repository, patients, observations);
    assertFalse(expected.get("alerts").isEmpty(), "the sample raises alerts");

    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      AppConfig config =
          repository.withKafka(
              repository.kafka().withEndpoints(kafka.bootstrapServers(), REGISTRY));
      AlertingJobSpec spec = AlertingJobSpec.of(config, GROUP, 2, null);
      Map<String, String> topics = new LinkedHashMap<>();
      topics.put("alerts", spec.alertsTopic());
      topics.put("dead-letter", spec.deadLetterTopic());
      spec.routes().values().forEach(routes -> routes.forEach(t -> topics.put(t, t)));
      Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        List<NewTopic> all = new ArrayList<>();
        for (String topic :
            concat(List.of(spec.observationsTopic(), spec.patientsTopic()), topics.values())) {
          all.add(new NewTopic(topic, 1, (short) 1));
        }
        admin.createTopics(all).all().get();

        StreamExecutionEnvironment env =
            ObservationAlertingJob.localEnvironment(spec, work.resolve("checkpoints"));
        ObservationAlertingJob.build(env, spec);
        JobClient job = env.executeAsync("observation-alerting-test");
        try {
          // Patients first, processed, then the Observations: as the backtest feeds tables.
          produce(client, spec.patientsTopic(), patients);
          awaitCommitted(admin, spec.patientsTopic(), patients.size());
          produce(client, spec.observationsTopic(), observations);
          awaitCommitted(admin, spec.observationsTopic(), observations.size());
          for (Map.Entry<String, String> output : topics.entrySet()) {
            List<String> want = expected.getOrDefault(output.getKey(), List.of());
            assertEquals(
                want.stream().sorted().toList(),
                readCommitted(client, output.getValue(), want.size()).stream().sorted().toList(),
                output.getValue());
          }
        } finally {
          job.cancel().get(1, TimeUnit.MINUTES);
        }
      }
    }
  }

  /** What the topology writes per output (file name without .ndjson), as comparable lines. */
  private Map<String, List<String>> backtest(
      AppConfig config, List<String> patients, List<String> observations) throws IOException {
    Map<String, List<Path>> inputs = new LinkedHashMap<>();
    inputs.put("patients", List.of(write("patients.ndjson", patients)));
    inputs.put("observations", List.of(write("observations.ndjson", observations)));
    Path out = work.resolve("backtest");
    Backtest.run(config, ObservationAlertingTopology.NAME, inputs, out);
    Map<String, List<String>> byOutput = new HashMap<>();
    try (var files = Files.list(out)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().replace(".ndjson", "");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          JsonNode record = JSON.readTree(line);
          lines.add(
              name.equals("dead-letter")
                  ? deadLetter(
                      record.path("key").asText(null),
                      record.path("headers").path("healthstreams.error.reason").asText(),
                      record.path("headers").path("healthstreams.source.offset").asText())
                  : alert(record.path("key").asText(), record.path("value")));
        }
        byOutput.put(name, lines);
      }
    }
    return byOutput;
  }

  /** Every field of the alert but the patient's name (a PHI field, equal when the MRN is). */
  private static String alert(String key, JsonNode v) {
    return String.join(
        " ",
        key,
        v.path("alertId").asText(),
        v.path("metadata").path("eventId").asText(),
        v.path("metadata").path("correlationId").asText(),
        v.path("ruleId").asText(),
        v.path("severity").asText(),
        v.path("value").asText(),
        v.path("unit").asText(),
        v.path("patientMrn").asText(),
        v.path("patientBirthDate").asText(),
        String.valueOf(v.path("patientName").asText().isEmpty()));
  }

  private static String deadLetter(String key, String reason, String offset) {
    return key + " " + reason + " " + offset;
  }

  private List<String> readCommitted(Map<String, Object> client, String topic, int expected)
      throws IOException {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Deserializer<ClinicalAlert> alerts =
        new AvroSerdes(SchemaRegistries.connect(REGISTRY, Map.of()))
            .specific(ClinicalAlert.class)
            .deserializer();
    List<String> lines = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      long quietSince = System.nanoTime();
      // The sink commits its transaction when the checkpoint whose offsets were awaited completes:
      // read until the expected count has arrived and then nothing more for two seconds.
      while (System.nanoTime() < deadline
          && (lines.size() < expected || System.nanoTime() - quietSince < 2_000_000_000L)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          quietSince = System.nanoTime();
          String key =
              record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
          if (topic.contains("dlq")) {
            lines.add(
                deadLetter(
                    key,
                    header(record, "healthstreams.error.reason"),
                    header(record, "healthstreams.source.offset")));
          } else {
            ClinicalAlert alert = alerts.deserialize(topic, record.value());
            lines.add(alert(key, JSON.readTree(JSON.writeValueAsString(plain(alert)))));
          }
        }
      }
    }
    return lines;
  }

  /** The fields {@link #alert} compares, as the backtest prints them. */
  private static Map<String, Object> plain(ClinicalAlert alert) {
    Map<String, Object> v = new HashMap<>();
    v.put("alertId", alert.getAlertId());
    v.put(
        "metadata",
        Map.of(
            "eventId", alert.getMetadata().getEventId(),
            "correlationId", alert.getMetadata().getCorrelationId()));
    v.put("ruleId", alert.getRuleId());
    v.put("severity", alert.getSeverity().name());
    v.put("value", alert.getValue());
    v.put("unit", alert.getUnit());
    v.put("patientMrn", alert.getPatientMrn());
    v.put("patientBirthDate", alert.getPatientBirthDate());
    v.put("patientName", alert.getPatientName() == null ? "" : alert.getPatientName());
    return v;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void produce(Map<String, Object> client, String topic, List<String> lines)
      throws Exception {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (String line : lines) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, resourceId(line), line.getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
  }

  /** The key the FHIR server (and replay, and backtest) gives a bare resource: its id. */
  private static String resourceId(String line) {
    try {
      return JSON.readTree(line).path("id").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits until the job's group has committed {@code records} offsets of the topic. */
  private static void awaitCommitted(Admin admin, String topic, long records) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      OffsetAndMetadata committed =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(partition);
      if (committed != null && committed.offset() >= records) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the job did not commit " + records + " offsets of " + topic);
  }

  private static List<String> sample(String resource) throws IOException {
    try (InputStream in = ObservationAlertingJobTest.class.getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(work.resolve(name), lines);
  }

  private static List<String> concat(List<String> first, java.util.Collection<String> more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return List.copyOf(Set.copyOf(all));
  }
}
