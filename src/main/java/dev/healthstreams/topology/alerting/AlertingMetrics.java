package dev.healthstreams.topology.alerting;

import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The alert counters of one topology, built once per topology and shared by its processors (and
 * stream threads). Every severity is registered up front, so a dashboard sees zeros before the
 * first alert.
 */
final class AlertingMetrics {
  private final String topology;
  private final Map<Severity, Counter> emitted = new EnumMap<>(Severity.class);
  private final Counters dropped;
  private final Counters skipped;

  AlertingMetrics(String topology, MeterRegistry registry) {
    this.topology = topology;
    Counters alerts =
        new Counters(
            registry, "healthstreams.alerts", "Clinical alerts written", "topology", "severity");
    for (Severity severity : Severity.values()) {
      emitted.put(severity, alerts.get(topology, severity.name().toLowerCase(Locale.ROOT)));
    }
    this.dropped =
        new Counters(
            registry,
            "healthstreams.alerts.dropped",
            "Alerts not written: duplicate or suppressed",
            "topology",
            "reason");
    this.skipped =
        new Counters(
            registry,
            "healthstreams.observations.skipped",
            "Observations or elements not evaluated, by reason",
            "topology",
            "reason");
  }

  String topology() {
    return topology;
  }

  void emitted(Severity severity) {
    emitted.get(severity).increment();
  }

  /** An Observation, or one of its elements, not evaluated: tombstone, no value, unit. */
  void skipped(String reason) {
    skipped.increment(topology, reason);
  }

  void dropped(String reason) {
    dropped.increment(topology, reason);
  }
}
