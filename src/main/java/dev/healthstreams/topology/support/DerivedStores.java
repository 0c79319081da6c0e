package dev.healthstreams.topology.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores whose every entry derives from another store of the same task (an index of it): they keep
 * no changelog, so each write costs no record, and the processor builds them again from their
 * source whenever its task is initialized (started, moved, resumed, revived), after Kafka Streams
 * restored the source. The rebuild runs on the stream thread: see README, "prior-auth-projection",
 * for its cost against the exactly-once transaction timeout. A processor declares such a store
 * {@code withLoggingDisabled()} and calls {@link #rebuild} from its {@code init}.
 */
public final class DerivedStores {
  private static final int BATCH = 10_000;

  private DerivedStores() {}

  /** Writes the derived entries of one source entry through {@code put}. */
  @FunctionalInterface
  public interface EntriesOf<S, K, V> {
    void write(String sourceKey, S sourceValue, BiConsumer<K, V> put);
  }

  /**
   * Empties {@code derived} and writes, through {@code entriesOf}, the entries of each of {@code
   * source}'s, in write batches. What a previous run left in {@code derived} (RocksDB keeps it on
   * disk) may be ahead of the restored source or behind it, so it goes first.
   */
  public static <S, K, V> void rebuild(
      KeyValueStore<K, V> derived, KeyValueStore<String, S> source, EntriesOf<S, K, V> entriesOf) {
    empty(derived);
    List<KeyValue<K, V>> batch = new ArrayList<>();
    BiConsumer<K, V> put =
        (key, value) -> {
          batch.add(KeyValue.pair(key, value));
          if (batch.size() == BATCH) {
            derived.putAll(batch);
            batch.clear();
          }
        };
    try (KeyValueIterator<String, S> entries = source.all()) {
      entries.forEachRemaining(entry -> entriesOf.write(entry.key, entry.value, put));
    }
    derived.putAll(batch);
  }

  /**
   * Deletes every entry, a batch at a time, each batch one {@code putAll} of nulls: a write batch
   * in RocksDB, where a {@code delete} would read each key before deleting it.
   */
  static <K, V> void empty(KeyValueStore<K, V> store) {
    List<KeyValue<K, V>> batch = new ArrayList<>();
    K after = null;
    do {
      store.putAll(batch);
      after = batch.isEmpty() ? after : batch.get(batch.size() - 1).key;
      batch.clear();
      // Each batch seeks past the one before it, not over its deletions again from the start.
      try (KeyValueIterator<K, V> entries =
          after == null ? store.all() : store.range(after, null)) {
        while (entries.hasNext() && batch.size() < BATCH) {
          batch.add(KeyValue.pair(entries.next().key, null));
        }
      }
    } while (!batch.isEmpty());
  }
}
