package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationDrug;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.PatientTable;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicRole.Kind;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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
    implements TopologyFactory<MedicationInteractionSettings> {
  public static final String NAME = "medication-interaction";
  public static final String REQUESTS = "medication-requests";
  public static final String MEDICATIONS = "medications";
  public static final String PATIENTS = "patients";
  public static final String KNOWLEDGE = "knowledge";
  public static final String ALERTS = "alerts";
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
  public List<TopicRole> topicRoles() {
    return List.of(
        new TopicRole(REQUESTS, Kind.STREAM_INPUT, "FHIR R4 MedicationRequests, keyed by id"),
        new TopicRole(MEDICATIONS, Kind.TABLE_INPUT, "FHIR R4 Medications, keyed by id"),
        new TopicRole(PATIENTS, Kind.TABLE_INPUT, "FHIR R4 Patients, keyed by id"),
        new TopicRole(
            KNOWLEDGE,
            Kind.TABLE_INPUT,
            "KnowledgeInteraction (Avro), compacted, keyed by interaction id"),
        new TopicRole(
            ALERTS, Kind.OUTPUT, "MedicationInteractionAlert (Avro), keyed by patient id"),
        new TopicRole(
            TopicRole.DEAD_LETTER_ROLE, Kind.DEAD_LETTER, "records that could not be processed"));
  }

  @Override
  public SettingsReader<MedicationInteractionSettings> settingsReader() {
    return MedicationInteractionSettings.reader();
  }

  @Override
  public List<TopicSeed<?>> seeds(TopologyConfig<MedicationInteractionSettings> config) {
    KnowledgeBase knowledge = config.settings().knowledge();
    return List.of(
        new TopicSeed<>(KNOWLEDGE, KnowledgeInteraction.class, KnowledgeRecords.of(knowledge)));
  }

  @Override
  public Topology build(
      TopologyConfig<MedicationInteractionSettings> config, BuildContext context) {
    Serde<MedicationOrder> orderSerde = context.avro().specific(MedicationOrder.class);
    Serde<MedicationDrug> drugSerde = context.avro().specific(MedicationDrug.class);
    Serde<PatientSummary> patientSerde = context.avro().specific(PatientSummary.class);
    Serde<MedicationInteractionAlert> alertSerde =
        context.avro().specific(MedicationInteractionAlert.class);
    StreamsBuilder builder = new StreamsBuilder();
    KnowledgeCache knowledge = new KnowledgeCache();
    addKnowledgeStore(builder, config, context, knowledge);
    addStateStores(builder, context);
    KTable<String, PatientSummary> patients =
        PatientTable.build(builder, config.topic(PATIENTS), patientSerde);

    MedicationOrders orders = new MedicationOrders();
    KTable<String, MedicationDrug> medications =
        builder.stream(
                config.topic(MEDICATIONS),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-medications"))
            .mapValues(orders::fromMedication, Named.as("read-medication-drug"))
            .toTable(
                Named.as("medication-table"),
                Materialized.<String, MedicationDrug, KeyValueStore<Bytes, byte[]>>as("medications")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(drugSerde));

    KStream<String, RoutedOrder> routed =
        builder.stream(
                config.topic(REQUESTS),
                Consumed.with(Serdes.String(), Serdes.ByteArray())
                    .withName("read-medication-requests"))
            .processValues(MedicationOrderReader::new, Named.as("read-medication-order"))
            .processValues(
                RequestRouter::new, Named.as("route-medication-requests"), RequestRouter.STORE);
    resolveDrugs(routed, medications, orderSerde)
        .process(PatientAssignmentProcessor::new, Named.as("key-by-patient"), RequestRouter.STORE)
        .repartition(
            Repartitioned.with(Serdes.String(), orderSerde)
                .withName("medication-requests-by-patient"))
        .processValues(
            () -> new InteractionCheckProcessor(NAME, knowledge, context.metrics()),
            Named.as("check-interactions"),
            InteractionCheckProcessor.ACTIVE_STORE,
            InteractionCheckProcessor.FIRED_STORE)
        .leftJoin(
            patients,
            InteractionAlerts::enrich,
            Joined.with(Serdes.String(), alertSerde, patientSerde)
                .withName("enrich-interaction-alert"))
        .to(
            config.topic(ALERTS),
            Produced.with(Serdes.String(), alertSerde).withName("write-interaction-alerts"));
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
      TopologyConfig<MedicationInteractionSettings> config,
      BuildContext context,
      KnowledgeCache knowledge) {
    Serde<KnowledgeInteraction> serde = context.avro().specific(KnowledgeInteraction.class);
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(KNOWLEDGE_STORE), Serdes.String(), serde)
            .withLoggingDisabled(),
        config.topic(KNOWLEDGE),
        Consumed.with(Serdes.String(), serde).withName("read-knowledge"),
        () -> new KnowledgeUpdateProcessor(knowledge));
  }

  private static void addStateStores(StreamsBuilder builder, BuildContext context) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RequestRouter.STORE),
            Serdes.String(),
            new RequestRouteSerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(InteractionCheckProcessor.ACTIVE_STORE),
            Serdes.String(),
            context.avro().specific(ActiveMedicationList.class)));
    builder.addStateStore(
        Stores.timestampedKeyValueStoreBuilder(
            Stores.persistentTimestampedKeyValueStore(InteractionCheckProcessor.FIRED_STORE),
            Serdes.String(),
            Serdes.String()));
  }
}
