package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.AccessDecision;
import dev.healthstreams.avro.AccessDecisionOutcome;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each access request at its {@code requestedAt} (else its record's time); writes the
 * decision and its audit.
 */
final class AccessDecisionProcessor implements Processor<String, ReceivedRequest, String, Emitted> {
  private final ConsentDecider decider;
  private final ConsentAuditEvents audit;
  private final ConsentMetrics metrics;
  private final EventMetadataFactory metadata;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, PatientConsents> table;

  AccessDecisionProcessor(
      String topology, ConsentDecider decider, ConsentAuditEvents audit, ConsentMetrics metrics) {
    this.decider = decider;
    this.audit = audit;
    this.metrics = metrics;
    this.metadata = new EventMetadataFactory(topology, "AccessDecision");
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.table = context.getStateStore(ConsentTableProcessor.STORE);
  }

  @Override
  public void process(Record<String, ReceivedRequest> record) {
    AccessRequest request = record.value().request(record.timestamp());
    AccessQuery query = request.query();
    PatientConsents consents = table.get(query.patientId());
    Decision decision = decider.decide(consents == null ? List.of() : consents.consents(), query);
    metrics.decided(decision);
    String patient = query.patientId();
    context.forward(
        new Record<>(
            patient,
            new Emitted(Emitted.Target.DECISION, decision(request, decision)),
            record.timestamp()));
    context.forward(
        new Record<>(
            patient,
            new Emitted(
                Emitted.Target.AUDIT,
                audit.of("stream", request.requestId(), query, decision, record.timestamp())),
            record.timestamp()));
  }

  private AccessDecision decision(AccessRequest request, Decision decision) {
    AccessQuery query = request.query();
    String eventId = EventMetadataFactory.eventId("access-decision", request.requestId());
    return AccessDecision.newBuilder()
        .setMetadata(
            metadata.create(eventId, null, "AccessRequest/" + request.requestId(), query.at()))
        .setRequestId(request.requestId())
        .setPatientId(query.patientId())
        .setDecision(
            decision.permitted() ? AccessDecisionOutcome.PERMIT : AccessDecisionOutcome.DENY)
        .setReason(decision.reason().name())
        .setDecidingConsentId(decision.deciding())
        .setConsideredConsentIds(decision.considered())
        .setRequesterOrganization(query.requester().organization())
        .setRequesterUser(query.requester().user())
        .setRequesterRoles(query.requester().roles())
        .setPurpose(query.purpose())
        .setCategory(query.category())
        .setAction(query.action())
        .setDecidedAt(Instant.ofEpochMilli(query.at()))
        .build();
  }
}
