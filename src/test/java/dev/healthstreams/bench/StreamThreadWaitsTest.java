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

  private static MetricName producer(String name, String clientId) {
    return new MetricName(name, "producer-metrics", "", Map.of("client-id", clientId));
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

    assertEquals(new StreamThreadWaits.Snapshot(4.0e9, 40.0, 0), StreamThreadWaits.read(metrics));
  }

  @Test
  void shouldSumTheTransactionCallsOfTheStreamThreadsProducersOnly() {
    Map<MetricName, Metric> metrics = new HashMap<>();
    String thread1 = "app-1b2c-StreamThread-1-producer";
    metrics.put(producer("txn-commit-time-ns-total", thread1), value(2.0e9));
    metrics.put(producer("txn-send-offsets-time-ns-total", thread1), value(0.5e9));
    metrics.put(producer("flush-time-ns-total", "app-1b2c-StreamThread-2-producer"), value(0.25e9));
    // Not a commit's call, and not a stream thread's producer (the bench's loader).
    metrics.put(producer("txn-begin-time-ns-total", thread1), value(7.0e9));
    metrics.put(producer("txn-commit-time-ns-total", "bench-loader"), value(9.0e9));

    assertEquals(new StreamThreadWaits.Snapshot(0, 0, 2.75e9), StreamThreadWaits.read(metrics));
  }

  @Test
  void shouldGiveTheShareOfThePhaseBlockedTheCommitsAndTheBlockedTimeACommit() {
    StreamThreadWaits.Snapshot before = new StreamThreadWaits.Snapshot(1.0e9, 10, 0.1e9);
    StreamThreadWaits.Snapshot after = new StreamThreadWaits.Snapshot(1.6e9, 30, 0.5e9);

    // 600 ms blocked in a phase of 2 s, over 20 commits, 400 ms of it in transaction calls.
    assertEquals(
        "blocked on Kafka 30 % of the phase, 20 commits, 30.0 ms blocked a commit, 20.0 ms of it in"
            + " the transaction",
        StreamThreadWaits.describe(before, after, 2_000_000_000L));
    assertEquals(
        "blocked on Kafka 0 % of the phase, 0 commits",
        StreamThreadWaits.describe(after, after, 2_000_000_000L));
  }
}
