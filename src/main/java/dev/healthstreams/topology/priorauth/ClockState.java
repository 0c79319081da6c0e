package dev.healthstreams.topology.priorauth;

/** How a clock stands in the view. */
public enum ClockState {
  RUNNING,
  /** Stopped with no breach written. */
  MET,
  /** Running, its breach written. */
  BREACHED,
  /** Stopped after its breach was written, whatever its overdueByMs. */
  RESOLVED_LATE;

  static ClockState of(Clock clock, boolean breachWritten) {
    if (clock.isRunning()) {
      return breachWritten ? BREACHED : RUNNING;
    }
    return breachWritten ? RESOLVED_LATE : MET;
  }
}
