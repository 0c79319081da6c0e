package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code healthstreams_queries_total{endpoint, outcome}}: one counter per label set, cached. */
final class QueryMetrics {
  private final Counters answered;

  QueryMetrics(MeterRegistry registry) {
    this.answered =
        new Counters(
            registry,
            "healthstreams.queries",
            "Interactive queries answered, by endpoint and outcome",
            "endpoint",
            "outcome");
  }

  void count(String endpoint, Outcome outcome) {
    answered.increment(endpoint, outcome.label());
  }
}
