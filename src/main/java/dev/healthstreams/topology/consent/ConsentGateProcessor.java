package dev.healthstreams.topology.consent;

import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One gate: each record (bytes, keyed by patient id) is decided at its timestamp for the gate's
 * recipient and purpose, and goes on unchanged to permitted, or to denied with the decision in
 * headers. Every decision is audited.
 */
final class ConsentGateProcessor implements Processor<String, byte[], String, Emitted> {
  static final String DECISION_HEADER = "consent-decision";
  static final String REASON_HEADER = "consent-reason";
  static final String DECIDING_HEADER = "consent-deciding-id";
  static final String GATE_HEADER = "consent-gate";

  private final Gate gate;
  private final ConsentDecider decider;
  private final ConsentAuditEvents audit;
  private final ConsentMetrics metrics;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, PatientConsents> table;

  ConsentGateProcessor(
      Gate gate, ConsentDecider decider, ConsentAuditEvents audit, ConsentMetrics metrics) {
    this.gate = gate;
    this.decider = decider;
    this.audit = audit;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.table = context.getStateStore(ConsentTableProcessor.STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String patient = record.key();
    if (patient == null || patient.isBlank()) {
      throw new BadRecordException("no-patient", "gated record has no patient key");
    }
    AccessQuery query =
        new AccessQuery(
            patient,
            gate.recipient(),
            gate.purpose(),
            gate.category(),
            gate.action(),
            record.timestamp(),
            null);
    PatientConsents consents = table.get(patient);
    Decision decision = decider.decide(consents == null ? List.of() : consents.consents(), query);
    metrics.decided(decision);
    if (decision.permitted()) {
      context.forward(record.withValue(new Emitted(Emitted.Target.PERMITTED, record.value())));
    } else {
      Headers headers = new RecordHeaders(record.headers().toArray());
      put(headers, GATE_HEADER, gate.name());
      put(headers, DECISION_HEADER, decision.verdict().name());
      put(headers, REASON_HEADER, decision.reason().name());
      if (decision.deciding() != null) {
        put(headers, DECIDING_HEADER, decision.deciding());
      }
      context.forward(
          new Record<>(
              patient,
              new Emitted(Emitted.Target.DENIED, record.value()),
              record.timestamp(),
              headers));
    }
    context.forward(
        new Record<>(
            patient,
            new Emitted(
                Emitted.Target.AUDIT,
                audit.of("gate:" + gate.name(), requestId(), query, decision, record.timestamp())),
            record.timestamp(),
            new RecordHeaders()));
  }

  /** The gated record's place: stable across re-deliveries, so its audit event keeps its id. */
  private String requestId() {
    return context
        .recordMetadata()
        .map((RecordMetadata m) -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("unknown");
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
