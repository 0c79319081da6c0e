package dev.healthstreams.runtime.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code healthstreams_queries_total{endpoint, outcome}}: one counter per label set, cached. */
final class QueryMetrics {
  private final MeterRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String endpoint, Outcome outcome) {
    counters
        .computeIfAbsent(
            List.of(endpoint, outcome.label()),
            labels ->
                Counter.builder("healthstreams.queries")
                    .description("Interactive queries answered, by endpoint and outcome")
                    .tag("endpoint", endpoint)
                    .tag("outcome", outcome.label())
                    .register(registry))
        .increment();
  }
}
