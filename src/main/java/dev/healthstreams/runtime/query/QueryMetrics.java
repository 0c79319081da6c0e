package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code healthstreams_queries_total{endpoint, outcome}}: one counter per label set, cached; and
 * {@code healthstreams_query_duration_seconds{endpoint}}, a histogram of answer times from the
 * request to the last byte of the answer, forwarding included.
 */
final class QueryMetrics {
  /** Around the query targets (tens of milliseconds) and a forward's timeouts (seconds). */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Counters answered;
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();

  QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.answered =
        new Counters(
            registry,
            "healthstreams.queries",
            "Interactive queries answered, by endpoint and outcome",
            "endpoint",
            "outcome");
  }

  /** Registers an endpoint's timer, so a dashboard shows it before the first query. */
  void declare(String endpoint) {
    timer(endpoint);
  }

  void count(String endpoint, Outcome outcome) {
    answered.increment(endpoint, outcome.label());
  }

  /** An answer's time, once its last byte is written. */
  void timed(String endpoint, long nanos) {
    timer(endpoint).record(Duration.ofNanos(nanos));
  }

  private Timer timer(String endpoint) {
    return durations.computeIfAbsent(
        endpoint,
        e ->
            Timer.builder("healthstreams.query.duration")
                .description("Time to answer an interactive query, forwarding included")
                .tag("endpoint", e)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
  }
}
