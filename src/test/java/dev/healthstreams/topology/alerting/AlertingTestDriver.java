package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopologyCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.StateDirectory;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A TopologyTestDriver over the observation-alerting topology built the way the app builds it: YAML
 * through the app's ConfigLoader, BuiltTopology, StreamsProperties (dead-letter handlers included),
 * Avro serdes over the {@code mock://} registry the YAML names.
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

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
    AppConfig config =
        new ConfigLoader(TopologyCatalog.schemas(), Map.of()).load(yaml, "test.yaml");
    AvroSerdes avro =
        new AvroSerdes(SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of()));
    BuiltTopology built =
        BuiltTopology.build(
            TopologyCatalog.byName(ObservationAlertingTopology.NAME).orElseThrow(),
            config.topology(ObservationAlertingTopology.NAME).orElseThrow(),
            new BuildContext(avro, meters));
    Properties props = StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(built.topology(), props, START);

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
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0.0 : counter.count();
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Closes as KafkaStreams.close() does, stores flushed and checkpointed, but leaves the state
   * directory on disk for a restart: TopologyTestDriver.close() ends by wiping it, so its private
   * state directory is swapped for one over {@code scratch} first. Fails loudly if a Kafka upgrade
   * renames the field.
   */
  void closeKeepingState(Path scratch) {
    try {
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scratch");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
      props.put(StreamsConfig.STATE_DIR_CONFIG, scratch.toString());
      props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
      Field field = TopologyTestDriver.class.getDeclaredField("stateDirectory");
      field.setAccessible(true);
      field.set(driver, new StateDirectory(new StreamsConfig(props), Time.SYSTEM, true, false));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("TopologyTestDriver no longer has a stateDirectory field", e);
    }
    close();
  }

  @Override
  public void close() {
    driver.close();
    meters.close();
  }
}
