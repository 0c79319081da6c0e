package dev.healthstreams.topology.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationDrug;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.OutputSummaries;
import dev.healthstreams.topology.PatientTable;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * medication-interaction: each MedicationRequest version (its drug resolved from a referenced
 * Medication once that has arrived) is applied to the patient's active medications; a new or
 * changed drug is checked against the others with the knowledge table, and each interacting pair is
 * alerted once. Wiring only: the state machine, index and knowledge file are plain classes.
 */
public final class MedicationInteractionTopology
    implements TopologyDefinition<MedicationInteractionSettings> {
  public static final String NAME = "medication-interaction";
  public static final TopicRole<byte[]> REQUESTS =
      TopicRole.streamInput(
              "medication-requests",
              ValueFormat.fhir("MedicationRequest"),
              "FHIR R4 MedicationRequests, keyed by id")
          .withSample("/sample/MedicationRequest.ndjson.gz");
  public static final TopicRole<byte[]> MEDICATIONS =
      TopicRole.tableInput(
              "medications", ValueFormat.fhir("Medication"), "FHIR R4 Medications, keyed by id")
          .withSample("/sample/Medication.ndjson.gz");
  public static final TopicRole<byte[]> PATIENTS = PatientTable.role();
  public static final TopicRole<KnowledgeInteraction> KNOWLEDGE =
      TopicRole.tableInput(
          "knowledge",
          ValueFormat.avro(KnowledgeInteraction.class),
          "the interaction knowledge, one record per interaction id (seeded from knowledge-file)");
  public static final TopicRole<MedicationInteractionAlert> ALERTS =
      TopicRole.output(
          "alerts",
          ValueFormat.avro(MedicationInteractionAlert.class),
          "MedicationInteractionAlert, keyed by patient id");
  static final String KNOWLEDGE_STORE = "interaction-knowledge";
  private static final String REQUEST_BRANCH = "medication-request-";
  private static final String BY_REFERENCE = "by-reference";
  private static final String WITH_DRUG = "with-drug";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "MedicationRequests checked against the patient's active medications and an interaction knowledge table";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(REQUESTS, MEDICATIONS, PATIENTS, KNOWLEDGE, ALERTS, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<MedicationInteractionSettings> settingsReader() {
    return MedicationInteractionSettings.reader();
  }

  @Override
  public List<TopicSeed<?>> seeds(MedicationInteractionSettings settings) {
    KnowledgeBase knowledge = settings.knowledge();
    return List.of(
        new TopicSeed<>(
            KNOWLEDGE.name(), KnowledgeInteraction.class, KnowledgeRecords.of(knowledge)));
  }

  /** "MAJOR warfarin-nsaid patient=ID description": ids and severity, no names. */
  @Override
  public String summarize(String role, JsonNode alert) {
    return OutputSummaries.line(
        OutputSummaries.text(alert, "severity"),
        OutputSummaries.text(alert, "interactionId"),
        OutputSummaries.text(alert, "patientId"),
        OutputSummaries.text(alert, "description"));
  }

  @Override
  public List<QueryEndpoint> queries(MedicationInteractionSettings settings) {
    return ActiveMedicationQueries.endpoints();
  }

  @Override
  public Topology build(TopologyContext<MedicationInteractionSettings> context) {
    Serde<MedicationOrder> orderSerde = context.avro(MedicationOrder.class);
    Serde<MedicationDrug> drugSerde = context.avro(MedicationDrug.class);
    Serde<PatientSummary> patientSerde = context.avro(PatientSummary.class);
    Topic<String, MedicationInteractionAlert> alerts = context.topic(ALERTS);
    StreamsBuilder builder = context.streamsBuilder();
    KnowledgeCache knowledge = new KnowledgeCache();
    addKnowledgeStore(builder, context, knowledge);
    KTable<String, PatientSummary> patients =
        PatientTable.build(builder, context.topic(PATIENTS), patientSerde);

    MedicationOrders orders = new MedicationOrders();
    Topic<String, byte[]> medicationTopic = context.topic(MEDICATIONS);
    Topic<String, byte[]> requestTopic = context.topic(REQUESTS);
    KTable<String, MedicationDrug> medications =
        builder.stream(medicationTopic.name(), medicationTopic.consumed("read-medications"))
            .mapValues(orders::fromMedication, Named.as("read-medication-drug"))
            .toTable(
                Named.as("medication-table"),
                Materialized.<String, MedicationDrug, KeyValueStore<Bytes, byte[]>>as("medications")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(drugSerde));

    KStream<String, RoutedOrder> routed =
        builder.stream(requestTopic.name(), requestTopic.consumed("read-medication-requests"))
            .processValues(MedicationOrderReader::new, Named.as("read-medication-order"))
            .processValues(RequestRouter.supplier(), Named.as("route-medication-requests"));
    // The router declares the routes store; patient assignment shares it by name. Declaring it
    // twice would make Kafka replace the first declaration, dropping the router from the store's
    // connected processors.
    KStream<String, MedicationInteractionAlert> unenriched =
        resolveDrugs(routed, medications, orderSerde)
            .process(
                PatientAssignmentProcessor::new, Named.as("key-by-patient"), RequestRouter.STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), orderSerde)
                    .withName("medication-requests-by-patient"))
            .processValues(
                InteractionCheckProcessor.supplier(
                    NAME, knowledge, context.metrics(), context.avro(ActiveMedicationList.class)),
                Named.as("check-interactions"));
    InteractionAlerts.PATIENT
        .join(unenriched, patients, alerts.valueSerde(), patientSerde, "enrich-interaction-alert")
        .to(alerts.name(), alerts.produced("write-interaction-alerts"));
    return builder.build();
  }

  /**
   * Every request version with its drug, in order per request. A version naming its drug by a
   * Medication resource goes through a foreign-key join that emits again when the Medication
   * arrives or changes; the rest skip the join's two topic hops (see {@link RequestRoute}).
   */
  private static KStream<String, MedicationOrder> resolveDrugs(
      KStream<String, RoutedOrder> routed,
      KTable<String, MedicationDrug> medications,
      Serde<MedicationOrder> orderSerde) {
    Map<String, KStream<String, RoutedOrder>> ways =
        routed
            .split(Named.as(REQUEST_BRANCH))
            .branch((id, version) -> version.viaMedicationJoin(), Branched.as(BY_REFERENCE))
            .defaultBranch(Branched.as(WITH_DRUG));
    KStream<String, MedicationOrder> joined =
        ways.get(REQUEST_BRANCH + BY_REFERENCE)
            .mapValues(RoutedOrder::order, Named.as("referencing-request"))
            .toTable(
                Named.as("medication-request-table"),
                Materialized.<String, MedicationOrder, KeyValueStore<Bytes, byte[]>>as(
                        "medication-requests")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(orderSerde))
            .leftJoin(
                medications,
                MedicationOrder::getMedicationId,
                MedicationOrders::resolve,
                TableJoined.as("resolve-medication"))
            .toStream(Named.as("resolved-requests"));
    return ways.get(REQUEST_BRANCH + WITH_DRUG)
        .mapValues(RoutedOrder::order, Named.as("request-with-drug"))
        .merge(joined, Named.as("request-versions"));
  }

  private static void addKnowledgeStore(
      StreamsBuilder builder,
      TopologyContext<MedicationInteractionSettings> context,
      KnowledgeCache knowledge) {
    Topic<String, KnowledgeInteraction> topic = context.topic(KNOWLEDGE);
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KNOWLEDGE_STORE),
                Serdes.String(),
                topic.valueSerde())
            .withLoggingDisabled(),
        topic.name(),
        topic.consumed("read-knowledge"),
        () -> new KnowledgeUpdateProcessor(knowledge));
  }
}
