package dev.healthstreams.flink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets the bench pause a job running on a MiniCluster in its own process, as it pauses a Kafka
 * Streams topology while it pre-loads the throughput input: the job's first operator after the
 * source waits while its gate is closed, so the source stops too (backpressure) while keeping its
 * state and position. A gate is found by name in this process only; on a real cluster there is none
 * to close, and a job built without a gate name has no gate at all.
 */
final class PauseGates {
  private static final Map<String, AtomicBoolean> PAUSED = new ConcurrentHashMap<>();
  private static final long WAIT_NANOS = 1_000_000;

  private PauseGates() {}

  /** The gate's flag: true while paused. */
  static AtomicBoolean named(String name) {
    return PAUSED.computeIfAbsent(name, n -> new AtomicBoolean());
  }

  static void drop(String name) {
    PAUSED.remove(name);
  }

  /** Returns once the gate is open. */
  static void awaitOpen(AtomicBoolean paused) {
    while (paused.get() && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(WAIT_NANOS); // a cancelled task is interrupted: it then goes on
    }
  }
}
