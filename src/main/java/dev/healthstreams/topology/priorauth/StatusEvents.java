package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthDrugInfo;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthStatusPayload;
import dev.healthstreams.errors.BadRecordException;
import java.time.DateTimeException;

/**
 * Reads a {@link PriorAuthStatusChanged} into a {@link StatusEvent}, or throws {@link
 * BadRecordException} (a dead letter) for one the projection cannot use. Messages carry ids only.
 */
public final class StatusEvents {
  private StatusEvents() {}

  /**
   * @param key the record key, which must be the PA id
   * @param headerCorrelation the correlation-id header, used when the metadata has none
   */
  public static StatusEvent read(
      String key, PriorAuthStatusChanged record, String headerCorrelation) {
    if (record == null) {
      throw new BadRecordException("empty-value", "a PA status event has no value");
    }
    PriorAuthStatusPayload payload = record.getPayload();
    String eventId = record.getMetadata().getEventId();
    if (eventId == null || eventId.isBlank()) {
      throw new BadRecordException("missing-field", "a PA status event has no eventId");
    }
    String id = payload.getPriorAuthId();
    if (id == null || id.isBlank()) {
      throw missing("priorAuthId", eventId);
    }
    if (!id.equals(key)) {
      throw new BadRecordException(
          "key-mismatch", "event " + eventId + " is keyed by another id than its priorAuthId");
    }
    if (payload.getStatus() == null) {
      throw missing("status", eventId);
    }
    PriorAuthStatus status =
        PriorAuthStatus.named(payload.getStatus())
            .orElseThrow(
                () ->
                    new BadRecordException(
                        "unknown-status", "event " + eventId + " has an unknown status"));
    if (payload.getStatusTimestamp() == null) {
      throw missing("statusTimestamp", eventId);
    }
    String correlation = record.getMetadata().getCorrelationId();
    return new StatusEvent(
        id,
        eventId,
        status,
        payload.getStatusTimestamp(),
        payload.getStatusReason(),
        parties(payload),
        payload.getUrgent(),
        extension(status, payload.getExtension(), payload.getStatusTimestamp(), eventId),
        correlation != null ? correlation : headerCorrelation);
  }

  private static PriorAuthParties parties(PriorAuthStatusPayload payload) {
    PriorAuthDrugInfo drug = payload.getDrugInfo();
    return new PriorAuthParties(
        payload.getPayerId(),
        payload.getPatientId(),
        payload.getProviderId(),
        payload.getPrescriptionId(),
        drug == null ? null : drug.getSystem(),
        drug == null ? null : drug.getCode(),
        drug == null ? null : drug.getDisplay());
  }

  // Only a TIMEFRAME_EXTENDED event's extension counts; one that is not a duration is unreadable.
  private static Long extension(
      PriorAuthStatus status, String text, long grantedAt, String eventId) {
    if (status != PriorAuthStatus.TIMEFRAME_EXTENDED || text == null) {
      return null;
    }
    if (text.contains("-")) {
      throw new BadRecordException(
          "bad-extension", "event " + eventId + " has a negative extension");
    }
    try {
      return ExtensionLength.millis(text, grantedAt);
    } catch (DateTimeException | ArithmeticException e) {
      throw new BadRecordException(
          "bad-extension", "event " + eventId + " has an extension that is no ISO-8601 duration");
    }
  }

  private static BadRecordException missing(String field, String eventId) {
    return new BadRecordException("missing-field", "event " + eventId + " has no " + field);
  }
}
