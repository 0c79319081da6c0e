package dev.healthstreams.topology.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A key range of a string-keyed store walked in one key order over this replica's partitions: each
 * partition is read from the range's start and {@link PartitionMerge} merges them, so a page reads
 * about the page (plus one entry per partition), whatever the store's size.
 */
public final class OrderedScan {
  private OrderedScan() {}

  /**
   * Hands {@code walk} the entries of [{@code from}, {@code to}] (null: open) whose key is after
   * {@code after} (exclusive; null: all), in key order, and closes the stores' iterators when it
   * returns.
   *
   * @param partitions the store's partitions by number ({@link LocalStores#partitions})
   */
  public static <V, R> R walk(
      Map<Integer, ? extends ReadOnlyKeyValueStore<String, V>> partitions,
      String from,
      String to,
      String after,
      Function<Iterator<PartitionEntry<V>>, R> walk) {
    List<KeyValueIterator<String, V>> open = new ArrayList<>(partitions.size());
    try {
      List<Iterator<PartitionEntry<V>>> sources = new ArrayList<>(partitions.size());
      for (Map.Entry<Integer, ? extends ReadOnlyKeyValueStore<String, V>> partition :
          partitions.entrySet()) {
        KeyValueIterator<String, V> entries = partition.getValue().range(from, to);
        open.add(entries);
        sources.add(entries(partition.getKey(), entries));
      }
      return walk.apply(PartitionMerge.merge(sources, PartitionEntry::key, after));
    } finally {
      open.forEach(KeyValueIterator::close);
    }
  }

  private static <V> Iterator<PartitionEntry<V>> entries(
      int partition, KeyValueIterator<String, V> entries) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public PartitionEntry<V> next() {
        KeyValue<String, V> entry = entries.next();
        return new PartitionEntry<>(partition, entry.key, entry.value);
      }
    };
  }
}
