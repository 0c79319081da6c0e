package dev.healthstreams.topology.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores whose every entry derives from another store of the same task (an index of it): they keep
 * no changelog, so each write costs no record, and the processor builds them again from their
 * source when its task starts, after Kafka Streams restored the source. A processor declares such a
 * store {@code withLoggingDisabled()} and calls {@link #rebuild} from its {@code init}.
 */
public final class DerivedStores {
  private static final int BATCH = 10_000;

  private DerivedStores() {}

  /**
   * Empties {@code derived} and writes, through {@code entriesOf}, the entries of each of {@code
   * source}'s. What a previous run left in {@code derived} (RocksDB keeps it on disk) may be ahead
   * of the restored source or behind it, so it goes first.
   */
  public static <K, S> void rebuild(
      KeyValueStore<K, ?> derived,
      KeyValueStore<String, S> source,
      BiConsumer<String, S> entriesOf) {
    empty(derived);
    try (KeyValueIterator<String, S> entries = source.all()) {
      entries.forEachRemaining(entry -> entriesOf.accept(entry.key, entry.value));
    }
  }

  /** Deletes every entry, a batch at a time. */
  static <K> void empty(KeyValueStore<K, ?> store) {
    List<K> batch = new ArrayList<>();
    K after = null;
    do {
      batch.forEach(store::delete);
      after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
      batch.clear();
      // Each batch seeks past the one before it, not over its deletions again from the start.
      try (KeyValueIterator<K, ?> entries =
          after == null ? store.all() : store.range(after, null)) {
        while (entries.hasNext() && batch.size() < BATCH) {
          batch.add(entries.next().key);
        }
      }
    } while (!batch.isEmpty());
  }
}
