package dev.healthstreams.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Spaces records evenly at a fixed rate: record n is due at start + n / rate, so there are no
 * whole-second bursts, and the caller parks (never spins) until its slot.
 */
final class ReplayRateLimiter {

  /**
   * How far behind schedule we may fall before the debt is forgotten: after a stall (a slow broker,
   * a GC pause) the replay resumes at the rate instead of bursting to catch up.
   */
  private static final long MAX_DEBT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long intervalNanos;
  private long nextDue;
  private boolean started;

  private ReplayRateLimiter(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** rate in records per second; zero, negative or NaN means unlimited. */
  static ReplayRateLimiter perSecond(double rate) {
    return new ReplayRateLimiter(rate > 0 ? Math.max(1, Math.round(1e9 / rate)) : 0);
  }

  /** Waits until the next record may be sent. */
  void acquire() {
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (!started) {
      started = true;
      nextDue = now;
    }
    for (long wait = nextDue - now; wait > 0; wait = nextDue - System.nanoTime()) {
      LockSupport.parkNanos(this, wait);
      if (Thread.interrupted()) {
        throw new InterruptException("Interrupted while pacing the replay");
      }
    }
    nextDue = Math.max(nextDue, System.nanoTime() - MAX_DEBT_NANOS) + intervalNanos;
  }
}
