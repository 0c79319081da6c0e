package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.PatientTable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The medication-interaction topology in a {@link TopologyKit} (built as the app builds it, the
 * knowledge seeds piped first), with its topics and stores.
 */
final class InteractionTestDriver {
  static final String REQUESTS = "fhir.medicationrequest";
  static final String MEDICATIONS = "fhir.medication";
  static final String PATIENTS = "fhir.patient";
  static final String KNOWLEDGE = "interaction.knowledge";
  static final String ALERTS = "alerts.medication";
  static final String DEAD_LETTERS = "interaction.dlq";

  /** Arrival time of records piped without one. */
  static final Instant START = Instant.parse("2024-05-02T08:05:00Z");

  private final TopologyKit kit;
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

  private InteractionTestDriver(TopologyKit kit) {
    this.kit = kit;
    driver = kit.driver();
    built = kit.built();
    requests = kit.textInput(MedicationInteractionTopology.REQUESTS);
    rawRequests = kit.input(MedicationInteractionTopology.REQUESTS);
    medications = kit.textInput(MedicationInteractionTopology.MEDICATIONS);
    rawMedications = kit.input(MedicationInteractionTopology.MEDICATIONS);
    patients = kit.textInput(MedicationInteractionTopology.PATIENTS);
    knowledge = kit.input(MedicationInteractionTopology.KNOWLEDGE);
    alerts = kit.output(MedicationInteractionTopology.ALERTS);
    deadLetters = kit.deadLetters();
  }

  /** The kit extension a test class registers: its clock starts at {@link #START}. */
  static TopologyKitExtension extension() {
    return TopologyKitExtension.of(MedicationInteractionTopology.NAME).startingAt(START);
  }

  /** Starts the topology over {@link #config} with the test knowledge file. */
  static InteractionTestDriver start(TopologyKitExtension extension) {
    return startWith(extension, config(testKnowledgeFile()));
  }

  /** Starts the topology over a whole config file. */
  static InteractionTestDriver startWith(TopologyKitExtension extension, String yaml) {
    return new InteractionTestDriver(extension.start(yaml));
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

  /** A whole config file over the kit's registry and state directory: the topics, the knowledge. */
  static String config(String knowledgeFile) {
    return TopologyKit.yaml(
        """
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
                REQUESTS, MEDICATIONS, PATIENTS, KNOWLEDGE, ALERTS, DEAD_LETTERS, knowledgeFile));
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
    return kit.keyValueStore(InteractionCheckProcessor.ACTIVE_STORE);
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
    return kit.keyValueStore(PatientTable.STORE);
  }

  /** Whether the fired-pairs store remembers the alert id. */
  boolean fired(String alertId) {
    return kit.timestampedKeyValueStore(InteractionCheckProcessor.FIRED_STORE).get(alertId) != null;
  }

  /** The count of a counter by name and tags, 0 when it was never registered. */
  double count(String name, String... tags) {
    return kit.count(name, tags);
  }

  static String header(Headers headers, String name) {
    return TopologyKit.header(headers, name);
  }
}
