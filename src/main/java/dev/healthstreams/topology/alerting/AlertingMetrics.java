package dev.healthstreams.topology.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The alert counters, created once so the per-record path does no registry lookups. */
final class AlertingMetrics {
  private final Map<Severity, Counter> emitted = new EnumMap<>(Severity.class);
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
  private final String topology;
  private final MeterRegistry registry;

  AlertingMetrics(String topology, MeterRegistry registry) {
    this.topology = topology;
    this.registry = registry;
    for (Severity severity : Severity.values()) {
      emitted.put(
          severity,
          Counter.builder("healthstreams.alerts")
              .description("Clinical alerts written")
              .tag("topology", topology)
              .tag("severity", severity.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
  }

  void emitted(Severity severity) {
    emitted.get(severity).increment();
  }

  /** An Observation, or one of its elements, not evaluated: tombstone, no value, unit. */
  void skipped(String reason) {
    skipped
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("healthstreams.observations.skipped")
                    .description("Observations or elements not evaluated, by reason")
                    .tag("topology", topology)
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  void dropped(String reason) {
    dropped
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("healthstreams.alerts.dropped")
                    .description("Alerts not written: duplicate or suppressed")
                    .tag("topology", topology)
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }
}
