package dev.healthstreams.topology.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Per key, the values added at an arrival time (record time), found again from any arrival within
 * {@code reach} of it and kept until they are {@code 2 × reach} behind the latest arrival seen:
 * what a window store of retention {@code 2 × reach} fetched {@code ±reach} gives, on a key-value
 * store.
 *
 * <p>Why not a window store: under exactly-once, Kafka Streams 4.3 finds no committed offset in a
 * persistent window store whose segments all expired (or were never written), takes the task's
 * state for corrupt, and its handling of that during a rebalance aborts the stream thread's shared
 * transaction without rewinding the thread's other tasks (README, "Failure test"). A key-value
 * store always holds its committed offset.
 *
 * <p>Each entry is stored twice in the one store: under {@code E key NUL arrival}, where a lookup
 * scans one key's arrival range, and under {@code T arrival NUL key}, the time index that expiry
 * scans from the front, paying only for what expires. Arrivals are fixed-width hex with the sign
 * bit flipped, so they sort as numbers do; nothing depends on {@code reach}, which may change
 * between starts (a new rule lengthens the suppression retention) without losing an entry.
 */
public final class ExpiringEntryStore {
  /** A value and the arrival time (epoch ms) it was added at. */
  public record Entry(long arrival, String value) {}

  private static final String ENTRY = "E";
  private static final String TIME = "T";
  private static final char SEPARATOR = '\0';

  private final KeyValueStore<String, List<Entry>> store;
  private final long reach;
  private final long sweepEvery;
  private long latestArrival = Long.MIN_VALUE;
  private long sweptBelow = Long.MIN_VALUE;

  private ExpiringEntryStore(KeyValueStore<String, List<Entry>> store, Duration reach) {
    this.store = store;
    this.reach = Math.max(1, reach.toMillis());
    // Expiry need not be to the millisecond: a sweep per sixteenth of the reach (at least a
    // second of arrival time) keeps the scans rare when records arrive in quick succession.
    this.sweepEvery = Math.max(1_000, this.reach / 16);
  }

  /** The persistent, changelogged store a processor declares; deletes keep the changelog small. */
  public static StoreBuilder<KeyValueStore<String, List<Entry>>> builder(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), new ExpiringEntriesSerde());
  }

  /** The named store of the processor's task, read and written with {@code reach}. */
  public static ExpiringEntryStore of(ProcessorContext<?, ?> context, String name, Duration reach) {
    return new ExpiringEntryStore(context.getStateStore(name), reach);
  }

  /** The entries of {@code key} whose arrival is within the reach of {@code arrival}. */
  public List<Entry> near(String key, long arrival) {
    List<Entry> near = new ArrayList<>(1);
    try (KeyValueIterator<String, List<Entry>> it =
        store.range(entryKey(key, arrival - reach), entryKey(key, arrival + reach))) {
      it.forEachRemaining(kv -> near.addAll(kv.value));
    }
    return near;
  }

  /**
   * Adds an entry, unless it arrived too late to be kept (as a window store ignores a write to an
   * expired segment), and deletes the entries that fell out of the retention.
   */
  public void add(String key, long arrival, String value) {
    latestArrival = Math.max(latestArrival, arrival);
    long oldestKept = latestArrival - 2 * reach;
    if (arrival < oldestKept) {
      return;
    }
    String entryKey = entryKey(key, arrival);
    List<Entry> same = store.get(entryKey);
    List<Entry> updated = new ArrayList<>(same == null ? 1 : same.size() + 1);
    if (same != null) {
      updated.addAll(same);
    } else {
      store.put(timeKey(arrival, key), List.of());
    }
    updated.add(new Entry(arrival, value));
    store.put(entryKey, updated);
    if (sweptBelow == Long.MIN_VALUE || oldestKept - sweptBelow >= sweepEvery) {
      deleteArrivedBefore(oldestKept);
    }
  }

  private void deleteArrivedBefore(long oldestKept) {
    List<String> expired = new ArrayList<>();
    // The bound is inclusive, but no time key equals it: each has a separator and key after it.
    try (KeyValueIterator<String, List<Entry>> it = store.range(TIME, TIME + hex(oldestKept))) {
      while (it.hasNext()) {
        KeyValue<String, List<Entry>> next = it.next();
        expired.add(next.key);
      }
    }
    for (String timeKey : expired) {
      int separator = timeKey.indexOf(SEPARATOR);
      long arrival = unhex(timeKey.substring(TIME.length(), separator));
      store.delete(entryKey(timeKey.substring(separator + 1), arrival));
      store.delete(timeKey);
    }
    sweptBelow = oldestKept;
  }

  private static String entryKey(String key, long arrival) {
    return ENTRY + key + SEPARATOR + hex(arrival);
  }

  private static String timeKey(long arrival, String key) {
    return TIME + hex(arrival) + SEPARATOR + key;
  }

  /** Fixed width, sign bit flipped: the strings sort as the signed numbers do. */
  private static String hex(long time) {
    String hex = Long.toHexString(time ^ Long.MIN_VALUE).toUpperCase(Locale.ROOT);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static long unhex(String hex) {
    return Long.parseUnsignedLong(hex, 16) ^ Long.MIN_VALUE;
  }

  /** The key of a stored entry key ({@code E key NUL arrival}): for tests and tools. */
  public static String keyOf(String storedKey) {
    return storedKey.startsWith(ENTRY)
        ? storedKey.substring(ENTRY.length(), storedKey.lastIndexOf(SEPARATOR))
        : null;
  }
}
