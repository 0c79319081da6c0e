package dev.healthstreams.bench;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How long a topology's stream threads waited on Kafka within a phase, from Kafka Streams' own
 * thread metrics: {@code blocked-time-ns-total} (KIP-761: time blocked in the consumer's poll and
 * the producer's flush and transaction calls, which under exactly-once is mostly the commits) and
 * {@code commit-total}. A stream thread that is neither busy on the CPU nor blocked here waits for
 * nothing else, so beside {@link ThreadCpu} this says what bounds a phase: the topology's own work,
 * its commits, or a machine too busy to run it. A phase ends when the bench sees its last offset
 * committed, so the wait for that last commit counts as blocked too: it weighs on a phase of a
 * second or two.
 */
final class StreamThreadWaits {
  static final String GROUP = "stream-thread-metrics";
  static final String BLOCKED = "blocked-time-ns-total";
  static final String COMMITS = "commit-total";

  /** Summed over the stream threads: nanoseconds blocked on Kafka, and commits. */
  record Snapshot(double blockedNanos, double commits) {}

  private StreamThreadWaits() {}

  static Snapshot read(Map<MetricName, ? extends Metric> metrics) {
    double blocked = 0;
    double commits = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (!GROUP.equals(name.group())
          || !(entry.getValue().metricValue() instanceof Number value)
          || Double.isNaN(value.doubleValue())) {
        continue;
      }
      if (BLOCKED.equals(name.name())) {
        blocked += value.doubleValue();
      } else if (COMMITS.equals(name.name())) {
        commits += value.doubleValue();
      }
    }
    return new Snapshot(blocked, commits);
  }

  /**
   * "blocked on Kafka 38 % of the phase, 24 commits, 15.8 ms blocked a commit": the share is summed
   * over the stream threads; the last figure is all blocked time over the commits, an upper bound
   * of what a commit cost.
   */
  static String describe(Snapshot before, Snapshot after, long wallNanos) {
    double blocked = Math.max(0, after.blockedNanos() - before.blockedNanos());
    long commits = Math.round(Math.max(0, after.commits() - before.commits()));
    StringBuilder line =
        new StringBuilder(
            String.format(
                "blocked on Kafka %.0f %% of the phase, %,d commits",
                wallNanos > 0 ? 100.0 * blocked / wallNanos : 0.0, commits));
    if (commits > 0) {
      line.append(String.format(", %.1f ms blocked a commit", blocked / 1e6 / commits));
    }
    return line.toString();
  }
}
