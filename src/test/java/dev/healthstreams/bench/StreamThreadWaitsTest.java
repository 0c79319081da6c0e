package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StreamThreadWaitsTest {
  private static MetricName name(String name, String group, String thread) {
    return new MetricName(name, group, "", Map.of("thread-id", thread));
  }

  private static Metric value(Object value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return null;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }

  @Test
  void shouldSumTheStreamThreadsAndIgnoreOtherGroupsAndUnsetValues() {
    Map<MetricName, Metric> metrics = new HashMap<>();
    metrics.put(name("blocked-time-ns-total", "stream-thread-metrics", "t1"), value(3.0e9));
    metrics.put(name("blocked-time-ns-total", "stream-thread-metrics", "t2"), value(1.0e9));
    metrics.put(name("commit-total", "stream-thread-metrics", "t1"), value(40.0));
    metrics.put(name("commit-total", "stream-thread-metrics", "t2"), value(Double.NaN));
    // A consumer's metric of the same name is not a stream thread's.
    metrics.put(name("commit-total", "consumer-coordinator-metrics", "t1"), value(99.0));
    metrics.put(name("process-total", "stream-thread-metrics", "t1"), value(1_000.0));

    assertEquals(new StreamThreadWaits.Snapshot(4.0e9, 40.0), StreamThreadWaits.read(metrics));
  }

  @Test
  void shouldGiveTheShareOfThePhaseBlockedTheCommitsAndTheBlockedTimeACommit() {
    StreamThreadWaits.Snapshot before = new StreamThreadWaits.Snapshot(1.0e9, 10);
    StreamThreadWaits.Snapshot after = new StreamThreadWaits.Snapshot(1.6e9, 30);

    // 600 ms blocked in a phase of 2 s, over 20 commits.
    assertEquals(
        "blocked on Kafka 30 % of the phase, 20 commits, 30.0 ms blocked a commit",
        StreamThreadWaits.describe(before, after, 2_000_000_000L));
    assertEquals(
        "blocked on Kafka 0 % of the phase, 0 commits",
        StreamThreadWaits.describe(after, after, 2_000_000_000L));
  }
}
