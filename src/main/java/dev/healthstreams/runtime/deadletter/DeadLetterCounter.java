package dev.healthstreams.runtime.deadletter;

import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts dead letters as {@code healthstreams_dead_letters_total{topology,reason}}, each pair
 * registered once: a bad-record burst must not build a meter per record.
 */
public final class DeadLetterCounter {
  static final DeadLetterCounter NONE = new DeadLetterCounter(null);
  private final Counters counters;

  public DeadLetterCounter(MeterRegistry registry) {
    this.counters =
        registry == null
            ? null
            : new Counters(
                registry,
                "healthstreams.dead.letters",
                "Records sent to a topology's dead-letter topic",
                "topology",
                "reason");
  }

  void increment(String topology, String reason) {
    if (counters != null) {
      counters.increment(topology, reason);
    }
  }
}
