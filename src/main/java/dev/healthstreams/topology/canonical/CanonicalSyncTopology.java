package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.avro.CanonicalObservation;
import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.avro.PatientReviewItem;
import dev.healthstreams.avro.SyncConflict;
import dev.healthstreams.avro.SyncError;
import dev.healthstreams.avro.SyncReconciliation;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.OutputSummaries;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.support.Counters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * canonical-sync: EHR and pharmacy change streams to one validated canonical model. Three stages,
 * each behind its own repartition topic:
 *
 * <ol>
 *   <li>identity, on a single partition so that matching sees every candidate: patient source
 *       records and steward commands build golden patients, review items, conflicts and errors;
 *   <li>clinical, partitioned by patient source record: prescriptions and observations get the
 *       golden id of their patient source record, waiting for it up to {@code link-wait};
 *   <li>reconciliation, partitioned by entity: published versions against the targets'
 *       acknowledgements.
 * </ol>
 *
 * Wiring only: the logic is in plain classes ({@link IdentityGraph}, {@link Survivorship}, {@link
 * ReconciliationTracker}, ...).
 */
public final class CanonicalSyncTopology implements TopologyDefinition<CanonicalSyncSettings> {
  public static final String NAME = "canonical-sync";

  public static final TopicRole<byte[]> EHR_PATIENTS =
      TopicRole.streamInput(
              "ehr-patients",
              ValueFormat.fhir("Patient"),
              "EHR FHIR R4 Patients (bare, enveloped or Debezium), keyed by Patient id")
          .withSample("/sample/Patient.ndjson.gz");
  public static final TopicRole<byte[]> EHR_OBSERVATIONS =
      TopicRole.streamInput(
              "ehr-observations",
              ValueFormat.fhir("Observation"),
              "EHR FHIR R4 Observations (bare, enveloped or Debezium), keyed by id")
          .withSample("/sample/Observation.ndjson.gz");
  public static final TopicRole<byte[]> PRESCRIPTIONS_IN =
      TopicRole.streamInput(
              "pharmacy-prescriptions",
              ValueFormat.json(),
              "the pharmacy system's prescriptions with patient demographics, keyed by rxId")
          .withSample("/sample/PharmacyPrescription.ndjson.gz")
          .keyedBy("rxId");
  public static final TopicRole<byte[]> LINK_COMMANDS =
      TopicRole.streamInput(
          "link-commands",
          ValueFormat.json(),
          "a data steward's {command: link|unlink|not-a-match, sourceA, sourceB}");
  public static final TopicRole<byte[]> ACKNOWLEDGEMENTS =
      TopicRole.streamInput(
              "acknowledgements",
              ValueFormat.json(),
              "target.<system>.sync.completed: each target's acknowledgement of a version")
          .reading(true);
  public static final TopicRole<CanonicalPatient> PATIENTS =
      TopicRole.output(
              "patients",
              ValueFormat.avro(CanonicalPatient.class),
              "CanonicalPatient, keyed by golden id (a tombstone when its last source goes)")
          .asTable();
  public static final TopicRole<CanonicalPrescription> PRESCRIPTIONS =
      TopicRole.output(
          "prescriptions",
          ValueFormat.avro(CanonicalPrescription.class),
          "CanonicalPrescription, keyed by rxId");
  public static final TopicRole<CanonicalObservation> OBSERVATIONS =
      TopicRole.output(
          "observations",
          ValueFormat.avro(CanonicalObservation.class),
          "CanonicalObservation, keyed by Observation id");
  public static final TopicRole<SyncError> ERRORS =
      TopicRole.output(
          "errors",
          ValueFormat.avro(SyncError.class),
          "SyncError: a record that failed validation, with every failed rule; keyed system/id");
  public static final TopicRole<PatientReviewItem> REVIEW =
      TopicRole.output(
          "review",
          ValueFormat.avro(PatientReviewItem.class),
          "PatientReviewItem: what matching could not decide, keyed by review id");
  public static final TopicRole<SyncConflict> CONFLICTS =
      TopicRole.output(
          "conflicts",
          ValueFormat.avro(SyncConflict.class),
          "SyncConflict, keyed by golden id (PHI: restricted like the other outputs)");
  public static final TopicRole<SyncReconciliation> RECONCILIATION =
      TopicRole.output(
          "reconciliation",
          ValueFormat.avro(SyncReconciliation.class),
          "SyncReconciliation COMPLETED, FAILED or OVERDUE, keyed entityType/entityId");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> atLeastOnceGap() {
    // A record read again after a crash is taken for the version already applied, and the link-wait
    // and reconciliation punctuators delete what they sent: either loses outputs for good.
    return Optional.of(
        "a crash can lose its outputs there: records read again are taken for versions already"
            + " applied, and its wall-clock releases are not kept until a commit confirms them");
  }

  @Override
  public String description() {
    return "EHR and pharmacy records validated, linked to golden patients, conflicts resolved, delivery reconciled";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(
        EHR_PATIENTS,
        EHR_OBSERVATIONS,
        PRESCRIPTIONS_IN,
        LINK_COMMANDS,
        ACKNOWLEDGEMENTS,
        PATIENTS,
        PRESCRIPTIONS,
        OBSERVATIONS,
        ERRORS,
        REVIEW,
        CONFLICTS,
        RECONCILIATION,
        TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<CanonicalSyncSettings> settingsReader() {
    return CanonicalSyncSettings.reader();
  }

  @Override
  public List<QueryEndpoint> queries(CanonicalSyncSettings settings) {
    return CanonicalSyncQueries.endpoints(settings.tracker());
  }

  /**
   * Prescriptions carry the pharmacy patient records: the input that exercises linking, against the
   * EHR patients loaded first. The Observations (thousands per patient) are not needed for it.
   */
  @Override
  public Optional<BenchRoles> benchRoles() {
    return Optional.of(
        new BenchRoles(PRESCRIPTIONS_IN.name(), PRESCRIPTIONS.name())
            .preloading(EHR_PATIENTS.name()));
  }

  /** Ids, versions and codes only: no names, birth dates or values. */
  @Override
  public String summarize(String role, JsonNode value) {
    return switch (role) {
      case "patients" ->
          OutputSummaries.line(
              "PATIENT",
              "v" + OutputSummaries.text(value, "version"),
              OutputSummaries.text(value, "goldenId"),
              "sources=" + value.path("sources").size() + " flags=" + value.path("flags"));
      case "prescriptions" ->
          OutputSummaries.line(
              "RX",
              OutputSummaries.text(value, "rxId") + " v" + OutputSummaries.text(value, "version"),
              OutputSummaries.text(value, "goldenPatientId"),
              OutputSummaries.text(value, "status"));
      case "observations" ->
          OutputSummaries.line(
              "OBS",
              OutputSummaries.text(value, "observationId"),
              OutputSummaries.text(value, "goldenPatientId"),
              OutputSummaries.text(value, "status"));
      case "errors" ->
          OutputSummaries.line(
              "INVALID",
              OutputSummaries.text(value, "sourceSystem")
                  + "/"
                  + OutputSummaries.text(value, "sourceId"),
              "-",
              codes(value.path("violations")));
      case "review" ->
          OutputSummaries.line(
              "REVIEW",
              OutputSummaries.text(value, "source"),
              OutputSummaries.text(value, "goldenId"),
              OutputSummaries.text(value, "reason"));
      case "conflicts" ->
          OutputSummaries.line(
              "CONFLICT",
              OutputSummaries.text(value, "field"),
              OutputSummaries.text(value, "goldenId"),
              "rule=" + OutputSummaries.text(value, "rule"));
      case "reconciliation" ->
          OutputSummaries.line(
              OutputSummaries.text(value, "kind"),
              OutputSummaries.text(value, "entityType")
                  + "/"
                  + OutputSummaries.text(value, "entityId"),
              "-",
              "v" + OutputSummaries.text(value, "version"));
      default -> OutputSummaries.generic(value);
    };
  }

  private static String codes(JsonNode violations) {
    StringBuilder codes = new StringBuilder();
    violations.forEach(
        v -> codes.append(codes.isEmpty() ? "" : ",").append(v.path("code").asText()));
    return codes.toString();
  }

  @Override
  public Topology build(TopologyContext<CanonicalSyncSettings> context) {
    CanonicalSyncSettings settings = context.settings();
    CanonicalRecords records = new CanonicalRecords(NAME);
    StreamsBuilder builder = context.streamsBuilder();

    KStream<String, PharmacyChange> pharmacy =
        read(
            builder,
            context.topic(PRESCRIPTIONS_IN),
            "pharmacy-prescription",
            SourceReadProcessor.prescriptions(settings.mrnSystem()));
    KStream<String, ObservationChange> observations =
        read(
            builder,
            context.topic(EHR_OBSERVATIONS),
            "ehr-observation",
            SourceReadProcessor.observations());

    KStream<String, SyncOutput> identity = identityStage(builder, context, pharmacy, records);
    KStream<String, SyncOutput> clinical =
        clinicalStage(context, pharmacy, observations, identity, records);

    // Each stage routes its own outputs: merging the identity stage's stream with another would
    // put its processor in a sub-topology with more partitions than its one, and a query would
    // then look for identity state in tasks that never hold any.
    KStream<String, ReconciliationInput> publishedPatients =
        published(route(identity, context, "identity-"), "identity-")
            .repartition(
                Repartitioned.with(Serdes.String(), new SyncJsonSerde<>(ReconciliationInput.class))
                    .withName("identity-published"));
    KStream<String, ReconciliationInput> publishedPrescriptions =
        published(route(clinical, context, "clinical-"), "clinical-");
    reconciliationStage(
        builder,
        context,
        publishedPatients.merge(publishedPrescriptions, Named.as("merge-published")),
        records);
    return builder.build();
  }

  private static final String ROUTE = "route-";

  private static KStream<String, ReconciliationInput> published(
      Map<String, KStream<String, SyncOutput>> routes, String stage) {
    return routes
        .get(stage + ROUTE + "published")
        .mapValues(v -> (ReconciliationInput) v.value(), Named.as(stage + "as-published-version"));
  }

  private static <V> KStream<String, V> read(
      StreamsBuilder builder,
      Topic<String, byte[]> topic,
      String what,
      SourceReadProcessor.Reading<V> reading) {
    return builder.stream(topic.name(), topic.consumed("read-" + what + "s"))
        .processValues(() -> new SourceReadProcessor<>(reading), Named.as("read-" + what));
  }

  /** Patient source records and commands, on one partition, to the identity processor. */
  private static KStream<String, SyncOutput> identityStage(
      StreamsBuilder builder,
      TopologyContext<CanonicalSyncSettings> context,
      KStream<String, PharmacyChange> pharmacy,
      CanonicalRecords records) {
    CanonicalSyncSettings settings = context.settings();
    KStream<String, IdentityInput> ehrPatients =
        read(
            builder,
            context.topic(EHR_PATIENTS),
            "ehr-patient",
            SourceReadProcessor.ehrPatients(settings.mrnSystem()));
    KStream<String, IdentityInput> pharmacyPatients =
        pharmacy
            .filter((key, change) -> change.patient() != null, Named.as("with-pharmacy-patient"))
            .mapValues(
                change ->
                    new IdentityInput(
                        PatientChange.upsert(change.patient()),
                        null,
                        change.correlationId(),
                        change.causationId()),
                Named.as("pharmacy-patient-record"));
    KStream<String, IdentityInput> commands =
        read(
            builder,
            context.topic(LINK_COMMANDS),
            "link-command",
            SourceReadProcessor.linkCommands());
    // One partition: matching must see every candidate. See README (canonical-sync) for the cost.
    return ehrPatients
        .merge(pharmacyPatients, Named.as("merge-patient-sources"))
        .merge(commands, Named.as("merge-identity-inputs"))
        // Keyed by what they are about, whatever their record key was: a repartition drops
        // records whose key is null (a pharmacy record produced without its rxId, say).
        .selectKey((key, input) -> identityKey(input), Named.as("key-by-source"))
        .repartition(
            Repartitioned.with(Serdes.String(), new SyncJsonSerde<>(IdentityInput.class))
                .withName("identity")
                .withNumberOfPartitions(1))
        .process(
            IdentityProcessor.supplier(settings, records, context.avro(CanonicalPatient.class)),
            Named.as("link-patients"));
  }

  private static String identityKey(IdentityInput input) {
    return input.patient() != null ? input.patient().source().text() : "link-command";
  }

  /** Prescriptions, observations and link changes, keyed by patient source record. */
  private static KStream<String, SyncOutput> clinicalStage(
      TopologyContext<CanonicalSyncSettings> context,
      KStream<String, PharmacyChange> pharmacy,
      KStream<String, ObservationChange> observations,
      KStream<String, SyncOutput> identity,
      CanonicalRecords records) {
    KStream<String, ClinicalInput> prescriptions =
        pharmacy
            .mapValues(PharmacyChange::clinical, Named.as("prescription-or-deletion"))
            .process(
                ClinicalSourceRouter.supplier(ClinicalSourceRouter.PRESCRIPTIONS_STORE),
                Named.as("key-prescription-by-patient"));
    KStream<String, ClinicalInput> observed =
        observations
            .mapValues(ObservationChange::clinical, Named.as("observation-or-deletion"))
            .process(
                ClinicalSourceRouter.supplier(ClinicalSourceRouter.OBSERVATIONS_STORE),
                Named.as("key-observation-by-patient"));
    KStream<String, ClinicalInput> links =
        identity
            .filter((key, out) -> out.route() == SyncOutput.Route.LINK, Named.as("link-changes"))
            .mapValues(out -> (ClinicalInput) out.value(), Named.as("as-link-change"))
            .repartition(
                Repartitioned.with(Serdes.String(), new SyncJsonSerde<>(ClinicalInput.class))
                    .withName("identity-links"));
    Counters unlinked =
        new Counters(
            context.metrics(),
            "healthstreams.sync.unlinked",
            "Prescriptions and observations written without a golden patient after link-wait",
            "topology",
            "entity");
    return prescriptions
        .merge(observed, Named.as("merge-clinical-records"))
        .merge(links, Named.as("merge-clinical-inputs"))
        .repartition(
            Repartitioned.with(Serdes.String(), new SyncJsonSerde<>(ClinicalInput.class))
                .withName("by-patient-source"))
        .process(
            ClinicalProcessor.supplier(NAME, context.settings().linkWait(), records, unlinked),
            Named.as("attach-golden-patient"));
  }

  /** Each stage output to its topic; publications returned for reconciliation. */
  private static Map<String, KStream<String, SyncOutput>> route(
      KStream<String, SyncOutput> outputs,
      TopologyContext<CanonicalSyncSettings> context,
      String stage) {
    BranchedKStream<String, SyncOutput> split = outputs.split(Named.as(stage + ROUTE));
    branch(
        split,
        stage,
        SyncOutput.Route.PATIENT,
        context.topic(PATIENTS),
        CanonicalPatient.class::cast);
    branch(
        split,
        stage,
        SyncOutput.Route.PRESCRIPTION,
        context.topic(PRESCRIPTIONS),
        CanonicalPrescription.class::cast);
    branch(
        split,
        stage,
        SyncOutput.Route.OBSERVATION,
        context.topic(OBSERVATIONS),
        CanonicalObservation.class::cast);
    branch(split, stage, SyncOutput.Route.ERROR, context.topic(ERRORS), SyncError.class::cast);
    branch(
        split,
        stage,
        SyncOutput.Route.REVIEW,
        context.topic(REVIEW),
        PatientReviewItem.class::cast);
    branch(
        split,
        stage,
        SyncOutput.Route.CONFLICT,
        context.topic(CONFLICTS),
        SyncConflict.class::cast);
    // Link changes went to the clinical stage before the split: they are dropped here.
    return split
        .branch((key, out) -> out.route() == SyncOutput.Route.PUBLISHED, Branched.as("published"))
        .noDefaultBranch();
  }

  private static <V> void branch(
      BranchedKStream<String, SyncOutput> split,
      String stage,
      SyncOutput.Route route,
      Topic<String, V> topic,
      Function<Object, V> cast) {
    String name = stage + route.name().toLowerCase(java.util.Locale.ROOT);
    split.branch(
        (key, out) -> out.route() == route,
        Branched.withConsumer(
            stream ->
                stream
                    .mapValues(out -> cast.apply(out.value()), Named.as("as-" + name))
                    .to(topic.name(), topic.produced("write-" + name)),
            name));
  }

  /** Published versions and acknowledgements, keyed by entity, to the reconciliation processor. */
  private static void reconciliationStage(
      StreamsBuilder builder,
      TopologyContext<CanonicalSyncSettings> context,
      KStream<String, ReconciliationInput> published,
      CanonicalRecords records) {
    KStream<String, ReconciliationInput> inputs = published;
    List<Topic<String, byte[]>> topics = context.topics(ACKNOWLEDGEMENTS);
    for (int i = 0; i < topics.size(); i++) {
      Topic<String, byte[]> topic = topics.get(i);
      String target = AcknowledgementReadProcessor.targetOf(topic.name());
      KStream<String, ReconciliationInput> acks =
          builder.stream(topic.name(), topic.consumed("read-acknowledgements-" + i))
              .process(
                  () -> new AcknowledgementReadProcessor(target),
                  Named.as("read-acknowledgement-" + i));
      inputs = inputs.merge(acks, Named.as("merge-acknowledgements-" + i));
    }
    Topic<String, SyncReconciliation> out = context.topic(RECONCILIATION);
    inputs
        .repartition(
            Repartitioned.with(Serdes.String(), new SyncJsonSerde<>(ReconciliationInput.class))
                .withName("reconcile"))
        .process(
            ReconciliationProcessor.supplier(context.settings().tracker(), records),
            Named.as("reconcile-deliveries"))
        .to(out.name(), out.produced("write-reconciliation"));
  }
}
