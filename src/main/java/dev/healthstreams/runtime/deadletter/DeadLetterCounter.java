package dev.healthstreams.runtime.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts dead letters as {@code healthstreams_dead_letters_total{topology,reason}}. */
public final class DeadLetterCounter {
  static final DeadLetterCounter NONE = new DeadLetterCounter(null);
  private final MeterRegistry registry;

  public DeadLetterCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  void increment(String topology, String reason) {
    if (registry != null) {
      Counter.builder("healthstreams.dead.letters")
          .description("Records sent to a topology's dead-letter topic")
          .tag("topology", topology)
          .tag("reason", reason)
          .register(registry)
          .increment();
    }
  }
}
