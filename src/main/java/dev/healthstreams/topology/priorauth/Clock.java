package dev.healthstreams.topology.priorauth;

/**
 * One run of an SLA rule's clock on a PA.
 *
 * @param ordinal 1 for the rule's first clock on the PA, 2 for the one started after it stopped...
 * @param stoppedAt null while it runs
 * @param extendedMs how much timeframe extensions added to the deadline (at most the rule's cap)
 */
public record Clock(
    String slaId, int ordinal, long startedAt, long deadline, long extendedMs, Long stoppedAt) {

  public boolean isRunning() {
    return stoppedAt == null;
  }

  public ClockId id() {
    return new ClockId(slaId, ordinal);
  }

  Clock stop(long at) {
    return new Clock(slaId, ordinal, startedAt, deadline, extendedMs, at);
  }

  Clock extend(long byMs) {
    return new Clock(slaId, ordinal, startedAt, deadline + byMs, extendedMs + byMs, stoppedAt);
  }

  /** A clock's identity across replays: a late event may move its start, not its identity. */
  public record ClockId(String slaId, int ordinal) {}
}
