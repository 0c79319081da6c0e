package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.PatientTable;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyTestHarness;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The medication-interaction topology in a {@link TopologyTestHarness} (built as the app builds
 * it), with its topics and stores. The knowledge seeds are piped first, as the runtime publishes
 * them at start and Backtest feeds them.
 */
final class InteractionTestDriver implements AutoCloseable {
  static final String REQUESTS = "fhir.medicationrequest";
  static final String MEDICATIONS = "fhir.medication";
  static final String PATIENTS = "fhir.patient";
  static final String KNOWLEDGE = "interaction.knowledge";
  static final String ALERTS = "alerts.medication";
  static final String DEAD_LETTERS = "interaction.dlq";

  /** Arrival time of records piped without one. */
  static final Instant START = Instant.parse("2024-05-02T08:05:00Z");

  private final TopologyTestHarness harness;
  final BuiltTopology built;
  final TopologyTestDriver driver;
  final TestInputTopic<String, String> requests;
  final TestInputTopic<String, byte[]> rawRequests;
  final TestInputTopic<String, String> medications;
  final TestInputTopic<String, byte[]> rawMedications;
  final TestInputTopic<String, String> patients;
  final TestInputTopic<String, KnowledgeInteraction> knowledge;
  final TestOutputTopic<String, MedicationInteractionAlert> alerts;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  private InteractionTestDriver(String yaml, Path stateDir) {
    harness = new TopologyTestHarness(yaml, MedicationInteractionTopology.NAME, stateDir, START);
    driver = harness.driver;
    built = harness.built;
    AvroSerdes avro = harness.avro;

    StringSerializer strings = new StringSerializer();
    ByteArraySerializer bytes = new ByteArraySerializer();
    requests = driver.createInputTopic(REQUESTS, strings, strings, START, Duration.ZERO);
    rawRequests = driver.createInputTopic(REQUESTS, strings, bytes, START, Duration.ZERO);
    medications = driver.createInputTopic(MEDICATIONS, strings, strings, START, Duration.ZERO);
    rawMedications = driver.createInputTopic(MEDICATIONS, strings, bytes, START, Duration.ZERO);
    patients = driver.createInputTopic(PATIENTS, strings, strings, START, Duration.ZERO);
    knowledge =
        driver.createInputTopic(
            KNOWLEDGE,
            strings,
            avro.specific(KnowledgeInteraction.class).serializer(),
            START,
            Duration.ZERO);
    alerts =
        driver.createOutputTopic(
            ALERTS,
            new StringDeserializer(),
            avro.specific(MedicationInteractionAlert.class).deserializer());
    deadLetters =
        driver.createOutputTopic(
            DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    // Before anything else, as the runtime publishes the seeds at start.
    for (TopicSeed<?> seed : built.seeds()) {
      pipeSeed(built.config().topic(seed.role()), seed, avro);
    }
  }

  private <V extends SpecificRecord> void pipeSeed(
      String topic, TopicSeed<V> seed, AvroSerdes avro) {
    TestInputTopic<String, V> input =
        driver.createInputTopic(
            topic,
            new StringSerializer(),
            avro.specific(seed.type()).serializer(),
            Instant.EPOCH,
            Duration.ZERO);
    seed.records().forEach(input::pipeInput);
  }

  /** A driver over {@link #config} with the test knowledge file. */
  static InteractionTestDriver start(String registryScope, Path stateDir) {
    return startWith(config(registryScope, testKnowledgeFile()), stateDir);
  }

  /** A driver over a whole config file. */
  static InteractionTestDriver startWith(String yaml, Path stateDir) {
    return new InteractionTestDriver(yaml, stateDir);
  }

  /** The test knowledge file, src/test/resources/interaction/knowledge.yaml, as a file path. */
  static String testKnowledgeFile() {
    try {
      return Path.of(InteractionTestDriver.class.getResource("/interaction/knowledge.yaml").toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A whole config file: the six topics and the knowledge file. */
  static String config(String registryScope, String knowledgeFile) {
    return """
        kafka: {bootstrap-servers: "dummy:9092", schema-registry-url: "mock://%s"}
        app: {state-dir: /tmp/ignored}
        topologies:
          medication-interaction:
            topics:
              medication-requests: %s
              medications: %s
              patients: %s
              knowledge: %s
              alerts: %s
              dead-letter: %s
            knowledge-file: "%s"
        """
        .formatted(
            registryScope,
            REQUESTS,
            MEDICATIONS,
            PATIENTS,
            KNOWLEDGE,
            ALERTS,
            DEAD_LETTERS,
            knowledgeFile);
  }

  void pipeRequest(String requestId, String json) {
    requests.pipeInput(requestId, json);
  }

  void pipeRequest(String requestId, String json, Instant arrival) {
    requests.pipeInput(requestId, json, arrival);
  }

  void pipeMedication(String medicationId, String json) {
    medications.pipeInput(medicationId, json);
  }

  void pipePatient(String patientId, String json) {
    patients.pipeInput(patientId, json);
  }

  void pipeKnowledge(Interaction interaction) {
    knowledge.pipeInput(interaction.id(), KnowledgeRecords.toRecord(interaction));
  }

  void removeKnowledge(String interactionId) {
    knowledge.pipeInput(interactionId, null);
  }

  List<MedicationInteractionAlert> readAlerts() {
    return alerts.readValuesToList();
  }

  List<String> readAlertIds() {
    return readAlerts().stream().map(MedicationInteractionAlert::getAlertId).toList();
  }

  KeyValueStore<String, ActiveMedicationList> activeStore() {
    return driver.getKeyValueStore(InteractionCheckProcessor.ACTIVE_STORE);
  }

  /** The patient's active requests as "requestId=drugCode", ordered as stored; empty for none. */
  List<String> active(String patientId) {
    ActiveMedicationList list = activeStore().get(patientId);
    if (list == null) {
      return List.of();
    }
    return list.getRequests().stream()
        .map(PrescribedDrug::getRequestId)
        .map(id -> id + "=" + drugOf(list, id))
        .toList();
  }

  private static String drugOf(ActiveMedicationList list, String requestId) {
    return list.getRequests().stream()
        .filter(r -> r.getRequestId().equals(requestId))
        .findFirst()
        .orElseThrow()
        .getDrugCode();
  }

  KeyValueStore<String, ?> patientStore() {
    return driver.getKeyValueStore(PatientTable.STORE);
  }

  /** Whether the fired-pairs store remembers the alert id. */
  boolean fired(String alertId) {
    return driver.getTimestampedKeyValueStore(InteractionCheckProcessor.FIRED_STORE).get(alertId)
        != null;
  }

  /** The count of a counter by name and tags, 0 when it was never registered. */
  double count(String name, String... tags) {
    return harness.count(name, tags);
  }

  static String header(Headers headers, String name) {
    return TopologyTestHarness.header(headers, name);
  }

  /** Closes leaving the state directory for a restart (see {@link TopologyTestHarness}). */
  void closeKeepingState(Path scratch) {
    harness.closeKeepingState(scratch);
  }

  @Override
  public void close() {
    harness.close();
  }
}
