package dev.healthstreams.bench;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The slowest record of each quarter-second of sending, by the time the loader stamped it. A
 * point's p99 says how many records were slow, not when: this says whether they came together (one
 * stall of the process, or the last records before the input stopped, which wait for a commit) or
 * were spread over the point. Issue 15's p99 outliers were found to be a few such quarter-seconds
 * in the middle of a point.
 */
final class LatencyTimeline {
  static final long SLOT_MILLIS = 250;

  /** One quarter-second: how far into the sending it began, and its slowest record. */
  record Slot(long offsetMillis, long maxLatencyMillis) {}

  private final TreeMap<Long, Long> slowestBySlot = new TreeMap<>();

  void record(long stampMillis, long latencyMillis) {
    slowestBySlot.merge(Math.floorDiv(stampMillis, SLOT_MILLIS), latencyMillis, Math::max);
  }

  /**
   * The {@code n} slots with the slowest records, slowest first; offsets from the first slot that
   * has a record (the point's counted sending, its warm-up left out).
   */
  List<Slot> slowest(int n) {
    if (slowestBySlot.isEmpty()) {
      return List.of();
    }
    long first = slowestBySlot.firstKey();
    return slowestBySlot.entrySet().stream()
        .map(e -> new Slot((e.getKey() - first) * SLOT_MILLIS, e.getValue()))
        .sorted(Comparator.comparingLong(Slot::maxLatencyMillis).reversed())
        .limit(n)
        .toList();
  }

  /** "+8.00 s 1,029 ms, +7.25 s 897 ms": for the console. */
  static String describe(List<Slot> slots) {
    return String.join(
        ", ",
        slots.stream()
            .map(
                s ->
                    String.format(
                        "+%.2f s %,d ms", s.offsetMillis() / 1000.0, s.maxLatencyMillis()))
            .toList());
  }
}
