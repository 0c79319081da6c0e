package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.TopologyTestHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The observation-alerting topology in a {@link TopologyTestHarness} (built as the app builds it),
 * with its topics, stores and fixtures' clock.
 */
final class AlertingTestDriver implements AutoCloseable {
  static final String OBSERVATIONS = "fhir.observation";
  static final String PATIENTS = "fhir.patient";
  static final String ALERTS = "clinical.alerts";
  static final String DEAD_LETTERS = "alerting.dlq";
  static final String SMS = "notify.sms";
  static final String PAGER = "notify.pager";

  /** Arrival time of the first record: a few minutes after the fixtures' effective time. */
  static final Instant START = Instant.parse("2024-04-17T10:20:00Z");

  private final TopologyTestHarness harness;
  final TopologyTestDriver driver;
  final TestInputTopic<String, String> observations;
  final TestInputTopic<String, byte[]> rawObservations;
  final TestInputTopic<String, String> patients;
  final TestInputTopic<String, byte[]> rawPatients;
  final TestOutputTopic<String, ClinicalAlert> alerts;
  final TestOutputTopic<String, ClinicalAlert> sms;
  final TestOutputTopic<String, ClinicalAlert> pager;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  private AlertingTestDriver(String yaml, Path stateDir) {
    harness = new TopologyTestHarness(yaml, ObservationAlertingTopology.NAME, stateDir, START);
    driver = harness.driver;
    AvroSerdes avro = harness.avro;

    StringSerializer strings = new StringSerializer();
    observations =
        driver.createInputTopic(OBSERVATIONS, strings, strings, START, java.time.Duration.ZERO);
    rawObservations =
        driver.createInputTopic(
            OBSERVATIONS, strings, new ByteArraySerializer(), START, java.time.Duration.ZERO);
    patients = driver.createInputTopic(PATIENTS, strings, strings, START, java.time.Duration.ZERO);
    rawPatients =
        driver.createInputTopic(
            PATIENTS, strings, new ByteArraySerializer(), START, java.time.Duration.ZERO);
    Serde<ClinicalAlert> alertSerde = avro.specific(ClinicalAlert.class);
    alerts = driver.createOutputTopic(ALERTS, new StringDeserializer(), alertSerde.deserializer());
    sms = driver.createOutputTopic(SMS, new StringDeserializer(), alertSerde.deserializer());
    pager = driver.createOutputTopic(PAGER, new StringDeserializer(), alertSerde.deserializer());
    deadLetters =
        driver.createOutputTopic(
            DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static AlertingTestDriver start(String yaml, Path stateDir) {
    return new AlertingTestDriver(yaml, stateDir);
  }

  /**
   * A whole config file: the four topics, critical and high routes, and {@code settings} (already
   * indented by four spaces: statuses, rules, ...) under the topology block.
   */
  static String config(String registryScope, String settings) {
    return """
        kafka: {bootstrap-servers: "dummy:9092", schema-registry-url: "mock://%s"}
        app: {state-dir: /tmp/ignored}
        topologies:
          observation-alerting:
            topics: {observations: %s, patients: %s, alerts: %s, dead-letter: %s}
            routes: {critical: [%s, %s], high: [%s]}
        %s"""
        .formatted(
            registryScope,
            OBSERVATIONS,
            PATIENTS,
            ALERTS,
            DEAD_LETTERS,
            SMS,
            PAGER,
            PAGER,
            settings.indent(4));
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
    return driver.getKeyValueStore(ObservationAlertingTopology.PATIENT_STORE);
  }

  WindowStore<String, String> suppressionStore() {
    return driver.getWindowStore(AlertGateProcessor.SUPPRESSION_STORE);
  }

  WindowStore<String, String> dedupStore() {
    return driver.getWindowStore(AlertGateProcessor.DEDUP_STORE);
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
