package dev.healthstreams.topology.priorauth;

/**
 * One status event as the projection reads it (see {@code StatusEvents} for where it comes from).
 *
 * @param extensionMs a TIMEFRAME_EXTENDED event's extension; null when none was given
 */
public record StatusEvent(
    String priorAuthId,
    String eventId,
    PriorAuthStatus status,
    long statusTimestamp,
    String reason,
    PriorAuthParties parties,
    boolean urgent,
    Long extensionMs,
    String correlationId) {

  HistoryEntry entry(boolean rejected) {
    return new HistoryEntry(
        status, statusTimestamp, eventId, reason, rejected, urgent, extensionMs);
  }
}
