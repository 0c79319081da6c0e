package dev.healthstreams.topology.priorauth;

import dev.healthstreams.topology.priorauth.Clock.ClockId;
import java.util.List;
import java.util.Map;

/**
 * What the projection keeps of one PA: the last history-limit events in order, the replay of the
 * ones dropped before them, and which clocks had their breach (and resolution) written. The rest of
 * the view (status, clocks, time in status) is {@link PriorAuthProjection#replay replayed}.
 *
 * @param parties from the latest accepted event in order, gaps filled by earlier ones
 * @param urgent of the latest accepted event in order
 * @param correlationId of the latest event to arrive
 * @param base the replay of the dropped entries; null when none was dropped
 * @param breaches the clocks whose breach was written, each with whether its resolution was
 */
public record PriorAuthState(
    String priorAuthId,
    PriorAuthParties parties,
    boolean urgent,
    String correlationId,
    long firstSeenAt,
    long lastUpdatedAt,
    List<HistoryEntry> history,
    int historyDropped,
    Replay base,
    Map<ClockId, Boolean> breaches) {

  public PriorAuthState {
    history = List.copyOf(history);
    breaches = Map.copyOf(breaches);
  }

  /** The status of the last accepted lifecycle event stamped at or before {@code time}. */
  public PriorAuthStatus statusAt(long time) {
    PriorAuthStatus status = null;
    if (base != null && base.lastStatusAt() != null && base.lastStatusAt() <= time) {
      status = base.status();
    }
    for (HistoryEntry entry : history) {
      if (entry.statusTimestamp() > time) {
        break;
      }
      if (entry.movesStatus()) {
        status = entry.status();
      }
    }
    return status;
  }
}
