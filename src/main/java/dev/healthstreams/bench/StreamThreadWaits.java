package dev.healthstreams.bench;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How long a topology's stream threads waited on Kafka within a phase, from Kafka Streams' own
 * thread metrics: {@code blocked-time-ns-total} (KIP-761: time blocked in the consumer's poll and
 * the producer's flush and transaction calls) and {@code commit-total}, with the producers' own
 * transaction timings to tell the two apart. In the bench's phases the commits' calls were a fifth
 * of it or less (5-9 ms a commit); the rest was the consumer fetching the pre-loaded input. A
 * stream thread that is neither busy on the CPU nor blocked here waits for nothing else, so beside
 * {@link ThreadCpu} this says what bounds a phase: the topology's own work, its commits, or a
 * machine too busy to run it. A phase ends when the bench sees its last offset committed, so the
 * wait for that last commit counts as blocked too: it weighs on a phase of a second or two.
 */
final class StreamThreadWaits {
  static final String GROUP = "stream-thread-metrics";
  static final String BLOCKED = "blocked-time-ns-total";
  static final String COMMITS = "commit-total";
  static final String PRODUCER_GROUP = "producer-metrics";

  /**
   * The producer calls of a commit under exactly-once: flushing the transaction's records, adding
   * the input offsets to it, and ending it. Part of {@link #BLOCKED}; what is left of it is mostly
   * the consumer's poll waiting for records.
   */
  static final Set<String> TRANSACTION_CALLS =
      Set.of("flush-time-ns-total", "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total");

  /**
   * Summed over the stream threads: nanoseconds blocked on Kafka, commits, and of the blocked
   * nanoseconds those in the stream threads' producers' transaction calls.
   */
  record Snapshot(double blockedNanos, double commits, double transactionNanos) {}

  private StreamThreadWaits() {}

  static Snapshot read(Map<MetricName, ? extends Metric> metrics) {
    double blocked = 0;
    double commits = 0;
    double transactions = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (!(entry.getValue().metricValue() instanceof Number value)
          || Double.isNaN(value.doubleValue())) {
        continue;
      }
      if (GROUP.equals(name.group())) {
        if (BLOCKED.equals(name.name())) {
          blocked += value.doubleValue();
        } else if (COMMITS.equals(name.name())) {
          commits += value.doubleValue();
        }
      } else if (PRODUCER_GROUP.equals(name.group())
          && TRANSACTION_CALLS.contains(name.name())
          && isStreamThreadProducer(name)) {
        transactions += value.doubleValue();
      }
    }
    return new Snapshot(blocked, commits, transactions);
  }

  /** Kafka Streams names a stream thread's producer "<client id>-StreamThread-<n>-producer". */
  private static boolean isStreamThreadProducer(MetricName name) {
    String clientId = name.tags().get("client-id");
    return clientId != null && clientId.contains("-StreamThread-");
  }

  /**
   * "blocked on Kafka 38 % of the phase, 24 commits, 15.8 ms blocked a commit, 9.1 ms of it in the
   * transaction": the share is summed over the stream threads; "blocked a commit" is all blocked
   * time over the commits, an upper bound of what a commit cost; "in the transaction" is the
   * producer's flush, send-offsets and commit calls over the commits, what the commits themselves
   * took.
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
      double transactions = Math.max(0, after.transactionNanos() - before.transactionNanos());
      line.append(
          String.format(
              ", %.1f ms blocked a commit, %.1f ms of it in the transaction",
              blocked / 1e6 / commits, transactions / 1e6 / commits));
    }
    return line.toString();
  }
}
