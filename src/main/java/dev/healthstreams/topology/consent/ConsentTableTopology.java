package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.avro.AccessDecision;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.OutputSummaries;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import dev.healthstreams.topology.query.BenchQueries;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.support.StatefulProcessors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * consent-table: patients' consents (platform consent events and FHIR Consents) kept as a table
 * keyed by patient, access requests decided against it, gates on other topologies' outputs, and an
 * audit event for every decision. Wiring only: the model, decision and mappers are plain classes.
 */
public final class ConsentTableTopology implements TopologyDefinition<ConsentTableSettings> {
  public static final String NAME = "consent-table";
  public static final TopicRole<PatientConsentEvent> CONSENT_EVENTS =
      TopicRole.streamInput(
              "consent-events",
              ValueFormat.avro(PatientConsentEvent.class),
              "PatientConsentEvent (granted, revoked, expired), keyed by patient id")
          .withSample("/sample/PatientConsentEvent.ndjson.gz")
          .keyedBy("payload.patientId");
  public static final TopicRole<byte[]> FHIR_CONSENTS =
      TopicRole.streamInput(
          "fhir-consents", ValueFormat.fhir("Consent"), "FHIR R4 Consents, keyed by id");
  public static final TopicRole<byte[]> ACCESS_REQUESTS =
      TopicRole.streamInput(
              "access-requests", ValueFormat.json(), "JSON AccessRequests, keyed by patient id")
          .withSample("/sample/AccessRequest.ndjson.gz")
          .keyedBy("patientId");
  public static final TopicRole<byte[]> VIEWS =
      TopicRole.output(
              "views", ValueFormat.json(), "each patient's consents with their state (JSON)")
          .asTable();
  public static final TopicRole<PatientConsentEvent> EXPIRED =
      TopicRole.output(
          "expired",
          ValueFormat.avro(PatientConsentEvent.class),
          "a PatientConsentEvent (action expired) when a consent's period ends");
  public static final TopicRole<AccessDecision> DECISIONS =
      TopicRole.output(
          "decisions",
          ValueFormat.avro(AccessDecision.class),
          "AccessDecision per access request, keyed by patient id");
  public static final TopicRole<byte[]> AUDIT =
      TopicRole.output(
          "audit",
          ValueFormat.json(),
          "a FHIR R4 AuditEvent (IHE BALP consent authorization) per decision");
  public static final String TABLE_STORE = ConsentTableProcessor.STORE;
  public static final String PATIENT_PATH = ConsentQueries.PATIENT;
  public static final String DECISION_PATH = ConsentQueries.DECISION;

  /** How often the wall-clock punctuator looks for consents whose period has ended. */
  static final Duration EXPIRY_CHECK = Duration.ofSeconds(30);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Patient consents as a table; access requests and gated topics decided against them, every decision audited";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(
        CONSENT_EVENTS,
        FHIR_CONSENTS,
        ACCESS_REQUESTS,
        VIEWS,
        EXPIRED,
        DECISIONS,
        AUDIT,
        TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<ConsentTableSettings> settingsReader() {
    return ConsentTableSettings.reader();
  }

  @Override
  public List<QueryEndpoint> queries(ConsentTableSettings settings, MeterRegistry metrics) {
    return new ConsentQueries(
            settings.decider(),
            new ConsentAuditEvents(NAME),
            Clock.systemUTC(),
            new ConsentMetrics(metrics))
        .endpoints();
  }

  @Override
  public List<QueryEndpoint> queries(ConsentTableSettings settings) {
    return queries(settings, new SimpleMeterRegistry());
  }

  /** The bench times access requests and measures latency on the decisions. */
  @Override
  public Optional<BenchRoles> benchRoles() {
    return Optional.of(
        new BenchRoles(ACCESS_REQUESTS.name(), DECISIONS.name())
            .withQueries(
                new BenchQueries(
                    patient ->
                        "/consent/patients/"
                            + patient
                            + "/decision?organization=partner-hospital&user=user-0&role=PRCP"
                            + "&purpose=TREAT&category=observations",
                    List.of())));
  }

  /** "PERMIT request-1 patient=ID CONSENT_PERMIT consent=c1": ids and codes only. */
  @Override
  public String summarize(String role, JsonNode value) {
    if (DECISIONS.name().equals(role)) {
      return OutputSummaries.line(
          OutputSummaries.text(value, "decision"),
          OutputSummaries.text(value, "requestId"),
          OutputSummaries.text(value, "patientId"),
          OutputSummaries.text(value, "reason")
              + " purpose="
              + OutputSummaries.text(value, "purpose")
              + " consent="
              + OutputSummaries.text(value, "decidingConsentId"));
    }
    if (EXPIRED.name().equals(role)) {
      JsonNode payload = value == null ? null : value.get("payload");
      return OutputSummaries.line(
          "EXPIRED",
          OutputSummaries.text(payload, "consentId"),
          OutputSummaries.text(payload, "patientId"),
          "");
    }
    if (AUDIT.name().equals(role)) {
      return OutputSummaries.line(
          "AUDIT",
          OutputSummaries.text(value, "id"),
          "-",
          "outcome="
              + OutputSummaries.text(value, "outcome")
              + " "
              + OutputSummaries.text(value, "outcomeDesc"));
    }
    if (VIEWS.name().equals(role) && value != null) {
      return OutputSummaries.line(
          "VIEW",
          "-",
          OutputSummaries.text(value, "patientId"),
          "consents=" + value.path("consents").size());
    }
    return OutputSummaries.generic(value);
  }

  @Override
  public Topology build(TopologyContext<ConsentTableSettings> context) {
    ConsentTableSettings settings = context.settings();
    StreamsBuilder builder = context.streamsBuilder();
    ConsentMetrics metrics = new ConsentMetrics(context.metrics());
    ConsentDecider decider = settings.decider();
    ConsentAuditEvents audit = new ConsentAuditEvents(NAME);
    Topic<String, byte[]> auditTopic = context.topic(AUDIT);

    Topic<String, PatientConsentEvent> events = context.topic(CONSENT_EVENTS);
    Topic<String, byte[]> fhir = context.topic(FHIR_CONSENTS);
    KStream<String, ConsentChange> fromEvents =
        byPatient(
                builder.stream(events.name(), events.consumed("read-consent-events")),
                "consent-events",
                (key, event) -> event != null && key != null && key.equals(patientOf(event)),
                (key, event) -> patientOf(event),
                events.valueSerde())
            .processValues(ConsentEventProcessor::new, Named.as("read-consent-event"));
    KStream<String, ConsentChange> fromFhir =
        builder.stream(fhir.name(), fhir.consumed("read-fhir-consents"))
            .process(
                StatefulProcessors.supplier(
                    FhirConsentRoutingProcessor::new, FhirConsentRoutingProcessor.store()),
                Named.as("key-fhir-consent-by-patient"))
            .repartition(
                Repartitioned.with(Serdes.String(), PatientConsentsSerde.changes())
                    .withName("fhir-consents-by-patient"));
    KStream<String, Emitted> table =
        fromEvents
            .merge(fromFhir, Named.as("consent-changes"))
            .process(
                StatefulProcessors.supplier(
                    () -> new ConsentTableProcessor(NAME, EXPIRY_CHECK, metrics),
                    ConsentTableProcessor.tableStore(),
                    ConsentTableProcessor.dueStore()),
                Named.as("apply-consent-changes"));
    sink(table, Emitted.Target.VIEW, "views", context.topic(VIEWS));
    sink(table, Emitted.Target.EXPIRED, "expired", context.topic(EXPIRED));

    Topic<String, byte[]> requests = context.topic(ACCESS_REQUESTS);
    KStream<String, ReceivedRequest> received =
        builder.stream(requests.name(), requests.consumed("read-access-requests"))
            .processValues(ReceivedRequestReader::new, Named.as("parse-access-requests"));
    KStream<String, Emitted> decided =
        byPatient(
                received,
                "access-requests",
                (key, request) -> request.keyedBy(key),
                (key, request) -> request.read().query().patientId(),
                ReceivedRequestReader.serde())
            .process(
                () -> new AccessDecisionProcessor(NAME, decider, audit, metrics),
                Named.as("decide-access-requests"),
                ConsentTableProcessor.STORE);
    sink(decided, Emitted.Target.DECISION, "decisions", context.topic(DECISIONS));
    sink(decided, Emitted.Target.AUDIT, "decisions-audit", auditTopic);

    for (Gate gate : settings.gates()) {
      gate(builder, gate, decider, audit, metrics, auditTopic);
    }
    return builder.build();
  }

  /**
   * The stream keyed by patient id. Records already keyed so (the topics' contract) go straight on;
   * others (a producer keying by request id, a replay with no key) take a repartition hop first, so
   * that they meet their patient's consents. A record whose patient cannot be read fails before or
   * in the re-keying, to the dead letters.
   */
  private static <V> KStream<String, V> byPatient(
      KStream<String, V> stream,
      String name,
      org.apache.kafka.streams.kstream.Predicate<String, V> keyedByPatient,
      org.apache.kafka.streams.kstream.KeyValueMapper<String, V, String> patient,
      Serde<V> serde) {
    Map<String, KStream<String, V>> ways =
        stream
            .split(Named.as(name + "-"))
            .branch(keyedByPatient, Branched.as("keyed-by-patient"))
            .defaultBranch(Branched.as("to-rekey"));
    KStream<String, V> rekeyed =
        ways.get(name + "-to-rekey")
            .selectKey(patient, Named.as("key-" + name + "-by-patient"))
            .repartition(Repartitioned.with(Serdes.String(), serde).withName(name + "-by-patient"));
    return ways.get(name + "-keyed-by-patient").merge(rekeyed, Named.as(name + "-by-patient"));
  }

  private static String patientOf(PatientConsentEvent event) {
    return event.getPayload() == null ? null : event.getPayload().getPatientId();
  }

  private static void gate(
      StreamsBuilder builder,
      Gate gate,
      ConsentDecider decider,
      ConsentAuditEvents audit,
      ConsentMetrics metrics,
      Topic<String, byte[]> auditTopic) {
    String prefix = "gate-" + gate.name();
    Serde<byte[]> bytes = Serdes.ByteArray();
    KStream<String, Emitted> gated =
        builder.stream(
                gate.input(), Consumed.with(Serdes.String(), bytes).withName(prefix + "-read"))
            .process(
                () -> new ConsentGateProcessor(gate, decider, audit, metrics),
                Named.as(prefix + "-decide"),
                ConsentTableProcessor.STORE);
    Topic<String, byte[]> permitted = new Topic<>(gate.permitted(), Serdes.String(), bytes);
    Topic<String, byte[]> denied = new Topic<>(gate.denied(), Serdes.String(), bytes);
    sink(gated, Emitted.Target.PERMITTED, prefix, permitted);
    sink(gated, Emitted.Target.DENIED, prefix, denied);
    sink(gated, Emitted.Target.AUDIT, prefix + "-audit", auditTopic);
  }

  @SuppressWarnings("unchecked")
  private static <V> void sink(
      KStream<String, Emitted> stream,
      Emitted.Target target,
      String prefix,
      Topic<String, V> topic) {
    String what = prefix + "-" + target.name().toLowerCase(Locale.ROOT);
    stream
        .filter((key, emitted) -> emitted.target() == target, Named.as("select-" + what))
        .mapValues(emitted -> (V) emitted.value(), Named.as("unwrap-" + what))
        .to(
            topic.name(),
            Produced.with(topic.keySerde(), topic.valueSerde()).withName("write-" + what));
  }
}
