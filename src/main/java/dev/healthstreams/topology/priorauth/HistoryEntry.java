package dev.healthstreams.topology.priorauth;

import java.util.Comparator;

/**
 * One event in a PA's history, with what a replay needs of it.
 *
 * @param rejected illegal and refused (illegal-transitions: reject): kept, otherwise ignored
 * @param urgent whether the PA was urgent by this event (a clock it starts takes the urgent
 *     timeframe)
 * @param extensionMs the extension of a TIMEFRAME_EXTENDED event, null otherwise
 */
public record HistoryEntry(
    PriorAuthStatus status,
    long statusTimestamp,
    String eventId,
    String reason,
    boolean rejected,
    boolean urgent,
    Long extensionMs) {

  /** The order of a PA's events: by statusTimestamp, ties by event id. */
  public static final Comparator<HistoryEntry> ORDER =
      Comparator.comparingLong(HistoryEntry::statusTimestamp).thenComparing(HistoryEntry::eventId);

  /** Accepted lifecycle events decide the status; extensions and rejected events do not. */
  public boolean movesStatus() {
    return !rejected && status.isLifecycle();
  }

  public boolean isBefore(HistoryEntry other) {
    return ORDER.compare(this, other) < 0;
  }
}
