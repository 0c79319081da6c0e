package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.support.ExpiringEntryStore;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The observation-alerting topology in a {@link TopologyKit} (built as the app builds it), with its
 * topics, stores and fixtures' clock.
 */
final class AlertingTestDriver {
  static final String OBSERVATIONS = "fhir.observation";
  static final String PATIENTS = "fhir.patient";
  static final String ALERTS = "clinical.alerts";
  static final String DEAD_LETTERS = "alerting.dlq";
  static final String SMS = "notify.sms";
  static final String PAGER = "notify.pager";

  /** Arrival time of the first record: a few minutes after the fixtures' effective time. */
  static final Instant START = Instant.parse("2024-04-17T10:20:00Z");

  private final TopologyKit kit;
  final TopologyTestDriver driver;
  final TestInputTopic<String, String> observations;
  final TestInputTopic<String, byte[]> rawObservations;
  final TestInputTopic<String, String> patients;
  final TestInputTopic<String, byte[]> rawPatients;
  final TestOutputTopic<String, ClinicalAlert> alerts;
  final TestOutputTopic<String, ClinicalAlert> sms;
  final TestOutputTopic<String, ClinicalAlert> pager;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  private AlertingTestDriver(TopologyKit kit) {
    this.kit = kit;
    driver = kit.driver();
    observations = kit.textInput(ObservationAlertingTopology.OBSERVATIONS);
    rawObservations = kit.input(ObservationAlertingTopology.OBSERVATIONS);
    patients = kit.textInput(ObservationAlertingTopology.PATIENTS);
    rawPatients = kit.input(ObservationAlertingTopology.PATIENTS);
    alerts = kit.output(ObservationAlertingTopology.ALERTS);
    sms = kit.output(ObservationAlertingTopology.ALERTS, SMS);
    pager = kit.output(ObservationAlertingTopology.ALERTS, PAGER);
    deadLetters = kit.deadLetters();
  }

  /** The kit extension a test class registers: its clock starts at {@link #START}. */
  static TopologyKitExtension extension() {
    return TopologyKitExtension.of(ObservationAlertingTopology.NAME).startingAt(START);
  }

  /** Starts the topology over {@code yaml} in the test's kit. */
  static AlertingTestDriver start(TopologyKitExtension extension, String yaml) {
    return new AlertingTestDriver(extension.start(yaml));
  }

  /**
   * A whole config file over the kit's registry and state directory: the four topics, critical and
   * high routes, and {@code settings} (statuses, rules, ..., not indented) in the topology block.
   */
  static String config(String settings) {
    return TopologyKit.yaml(
        """
        observation-alerting:
          topics: {observations: %s, patients: %s, alerts: %s, dead-letter: %s}
          routes: {critical: [%s, %s], high: [%s]}
        %s"""
            .formatted(
                OBSERVATIONS,
                PATIENTS,
                ALERTS,
                DEAD_LETTERS,
                SMS,
                PAGER,
                PAGER,
                settings.indent(2)));
  }

  void pipeObservation(String json) {
    observations.pipeInput(null, json, START);
  }

  void pipeObservation(String json, Instant arrival) {
    observations.pipeInput(null, json, arrival);
  }

  List<ClinicalAlert> readAlerts() {
    return alerts.readValuesToList();
  }

  KeyValueStore<String, PatientSummary> patientStore() {
    return kit.keyValueStore(ObservationAlertingTopology.PATIENT_STORE);
  }

  KeyValueStore<String, List<ExpiringEntryStore.Entry>> suppressionStore() {
    return kit.keyValueStore(AlertGateProcessor.SUPPRESSION_STORE);
  }

  KeyValueStore<String, List<ExpiringEntryStore.Entry>> dedupStore() {
    return kit.keyValueStore(AlertGateProcessor.DEDUP_STORE);
  }

  /** The count of a counter by name and tags, 0 when it was never registered. */
  double count(String name, String... tags) {
    return kit.count(name, tags);
  }

  static String header(Headers headers, String name) {
    return TopologyKit.header(headers, name);
  }
}
