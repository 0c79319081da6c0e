package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.PatientTable;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.StateDirectory;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver over the medication-interaction topology built the way the app builds it:
 * YAML through the app's ConfigLoader, BuiltTopology, StreamsProperties (dead-letter handlers
 * included), Avro serdes over the {@code mock://} registry the YAML names. The knowledge seeds are
 * piped first, as the runtime publishes them at start and Backtest feeds them.
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

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
    AppConfig config =
        new ConfigLoader(TopologyCatalog.schemas(), Map.of()).load(yaml, "test.yaml");
    AvroSerdes avro =
        new AvroSerdes(SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of()));
    built =
        BuiltTopology.build(
            TopologyCatalog.byName(MedicationInteractionTopology.NAME).orElseThrow(),
            config.topology(MedicationInteractionTopology.NAME).orElseThrow(),
            new BuildContext(avro, meters));
    Properties props = StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(built.topology(), props, START);

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
   * state directory is swapped for one over {@code scratch} first (as AlertingTestDriver does).
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
