package dev.healthstreams.runtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code healthstreams_end_to_end_latency_seconds{topology,output}}: from the timestamp of an
 * output record, which Kafka Streams carries over from the input record that caused it, to the
 * broker's acknowledgement of that output. One timer per output topic, registered up front, so a
 * dashboard shows zeros before the first output rather than nothing.
 */
public final class EndToEndLatency {
  static final String NAME = "healthstreams.end.to.end.latency";

  /**
   * Fixed buckets rather than Micrometer's percentile histogram: about 70 buckets per output topic
   * would be most of a scrape, and alerts need only the few around their targets.
   */
  static final Duration[] BUCKETS = {
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
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15)
  };

  private final Map<String, Timer> byOutput;

  /**
   * @param outputs the topology's output topics: what else its producer writes (changelogs,
   *     repartitions, dead letters) is not an output and is not timed
   */
  public EndToEndLatency(MeterRegistry registry, String topology, Collection<String> outputs) {
    this.byOutput =
        outputs.stream()
            .distinct()
            .collect(Collectors.toUnmodifiableMap(t -> t, t -> timer(registry, topology, t)));
  }

  private static Timer timer(MeterRegistry registry, String topology, String output) {
    return Timer.builder(NAME)
        .description("From an output record's timestamp (its input's) to its acknowledgement")
        .tag("topology", topology)
        .tag("output", output)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /**
   * Records one written record; a topic that is not an output is ignored. A timestamp ahead of
   * {@code nowMillis} (a producer whose clock runs ahead) counts as no latency rather than being
   * dropped, so that the count stays the number of outputs.
   */
  public void record(String topic, long timestampMillis, long nowMillis) {
    Timer timer = byOutput.get(topic);
    if (timer != null && timestampMillis >= 0) {
      timer.record(Math.max(0, nowMillis - timestampMillis), TimeUnit.MILLISECONDS);
    }
  }
}
