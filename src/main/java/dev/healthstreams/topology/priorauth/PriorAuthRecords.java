package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthAnomaly;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthSlaKind;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Anomaly;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaNotice;
import dev.healthstreams.topology.support.EventMetadataFactory;

/**
 * The Avro records the projection writes besides views. Event ids are name-based on what the event
 * is about (the offending event; the clock and kind), so a replay writes the same ids.
 */
public final class PriorAuthRecords {
  public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

  private final EventMetadataFactory anomalies;
  private final EventMetadataFactory slaEvents;

  public PriorAuthRecords(String topology) {
    this.anomalies = new EventMetadataFactory(topology, "PriorAuthAnomaly");
    this.slaEvents = new EventMetadataFactory(topology, "PriorAuthSlaEvent");
  }

  public PriorAuthAnomaly anomaly(Anomaly anomaly, String correlationId, long timestamp) {
    String id = EventMetadataFactory.eventId("prior-auth-anomaly", anomaly.eventId());
    return PriorAuthAnomaly.newBuilder()
        .setMetadata(anomalies.create(id, correlationId, anomaly.eventId(), timestamp))
        .setPriorAuthId(anomaly.priorAuthId())
        .setEventId(anomaly.eventId())
        .setFromStatus(anomaly.from() == null ? null : anomaly.from().name())
        .setToStatus(anomaly.to().name())
        .setReason(ILLEGAL_TRANSITION)
        .setRejected(anomaly.rejected())
        .build();
  }

  /**
   * @param causationId the event that stopped the clock, or null for a breach (no event causes it)
   * @param detectedAt the wall clock (breach) or the stopping event's record time (resolution)
   */
  public PriorAuthSlaEvent slaEvent(
      PriorAuthState state, SlaNotice notice, String causationId, long detectedAt) {
    String id =
        EventMetadataFactory.eventId(
            "prior-auth-sla",
            state.priorAuthId(),
            notice.clock().slaId(),
            Integer.toString(notice.clock().ordinal()),
            notice.kind().name());
    PriorAuthStatus atDeadline = state.statusAt(notice.deadline());
    return PriorAuthSlaEvent.newBuilder()
        .setMetadata(
            slaEvents.create(
                id,
                state.correlationId(),
                causationId != null ? causationId : "PriorAuth/" + state.priorAuthId(),
                detectedAt))
        .setKind(PriorAuthSlaKind.valueOf(notice.kind().name()))
        .setPriorAuthId(state.priorAuthId())
        .setSlaId(notice.clock().slaId())
        .setOrdinal(notice.clock().ordinal())
        .setStartedAt(notice.startedAt())
        .setDeadline(notice.deadline())
        .setStatusAtDeadline(atDeadline == null ? null : atDeadline.name())
        .setPayerId(state.parties().payerId())
        .setUrgent(state.urgent())
        .setDetectedAt(detectedAt)
        .setStoppedAt(notice.stoppedAt())
        .setOverdueByMs(notice.overdueByMs())
        .build();
  }
}
