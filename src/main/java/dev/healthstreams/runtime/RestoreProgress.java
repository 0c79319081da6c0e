package dev.healthstreams.runtime;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Restored and total records per store, for /health/ready while state is rebuilt, and for the
 * restore gauges: how many records are left and how long the oldest restore under way has run.
 */
public final class RestoreProgress implements StateRestoreListener {
  private final Map<TopicPartition, long[]> progress = new ConcurrentHashMap<>();
  private final Map<TopicPartition, String> stores = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> startedAt = new ConcurrentHashMap<>();
  // Every record restored since the topology started, per store: what a restart or a failover
  // cost, after the restores under way are gone from the maps above.
  private final Map<String, LongAdder> restoredSinceStart = new ConcurrentHashMap<>();
  private final Clock clock;

  public RestoreProgress() {
    this(Clock.systemUTC());
  }

  RestoreProgress(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
    stores.put(partition, store);
    startedAt.put(partition, clock.millis());
    progress.put(partition, new long[] {0, Math.max(0, end - start)});
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long end, long restored) {
    progress.computeIfPresent(partition, (p, v) -> new long[] {v[0] + restored, v[1]});
    restoredSinceStart.computeIfAbsent(store, s -> new LongAdder()).add(restored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long total) {
    forget(partition);
  }

  /**
   * A rebalance took the partition away mid-restore: it is no longer restoring here (readiness must
   * not wait for it); if it comes back, its restore starts again and is reported again.
   */
  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    forget(partition);
  }

  private void forget(TopicPartition partition) {
    progress.remove(partition);
    stores.remove(partition);
    startedAt.remove(partition);
  }

  /** store -> {restored, total} for restores under way. */
  public Map<String, long[]> snapshot() {
    Map<String, long[]> byStore = new TreeMap<>();
    progress.forEach(
        (partition, v) ->
            byStore.merge(
                stores.getOrDefault(partition, partition.topic()),
                v.clone(),
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
    return byStore;
  }

  /** Records restored per store since the topology started, finished restores included. */
  public Map<String, Long> restoredSinceStart() {
    Map<String, Long> byStore = new TreeMap<>();
    restoredSinceStart.forEach((store, count) -> byStore.put(store, count.sum()));
    return byStore;
  }

  /** Records still to restore, over every restore under way. */
  public long remainingRecords() {
    return progress.values().stream().mapToLong(v -> Math.max(0, v[1] - v[0])).sum();
  }

  /** Seconds since the oldest restore under way started; 0 when none is. */
  public double runningSeconds() {
    OptionalLong oldest = startedAt.values().stream().mapToLong(Long::longValue).min();
    return oldest.isEmpty() ? 0 : Math.max(0, clock.millis() - oldest.getAsLong()) / 1000.0;
  }
}
