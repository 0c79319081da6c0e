package dev.healthstreams.testkit;

import dev.healthstreams.topology.query.LocalStores;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Stores that count what a lister reads, per store name: entries taken from iterators, and point
 * reads. A page's cost is then a count, which the machine's load does not disturb as it does times.
 */
public final class CountingStores implements LocalStores {
  private final LocalStores stores;
  private final Map<String, Integer> entries = new TreeMap<>();
  private final Map<String, Integer> gets = new TreeMap<>();

  public CountingStores(LocalStores stores) {
    this.stores = stores;
  }

  /** Entries read from the store's iterators since the last {@link #reset}. */
  public int entriesRead(String store) {
    return entries.getOrDefault(store, 0);
  }

  /** Point reads ({@code get}) of the store since the last {@link #reset}. */
  public int gets(String store) {
    return gets.getOrDefault(store, 0);
  }

  public void reset() {
    entries.clear();
    gets.clear();
  }

  @Override
  public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
    return counting(name, stores.keyValueStore(name));
  }

  @Override
  public <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name) {
    Map<Integer, ReadOnlyKeyValueStore<K, V>> counted = new TreeMap<>();
    stores.<K, V>partitions(name).forEach((p, store) -> counted.put(p, counting(name, store)));
    return counted;
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> counting(
      String name, ReadOnlyKeyValueStore<K, V> store) {
    return new ReadOnlyKeyValueStore<>() {
      @Override
      public V get(K key) {
        gets.merge(name, 1, Integer::sum);
        return store.get(key);
      }

      @Override
      public KeyValueIterator<K, V> range(K from, K to) {
        return counting(name, store.range(from, to));
      }

      @Override
      public KeyValueIterator<K, V> all() {
        return counting(name, store.all());
      }

      @Override
      public long approximateNumEntries() {
        return store.approximateNumEntries();
      }
    };
  }

  private <K, V> KeyValueIterator<K, V> counting(String name, KeyValueIterator<K, V> iterator) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public KeyValue<K, V> next() {
        entries.merge(name, 1, Integer::sum);
        return iterator.next();
      }

      @Override
      public K peekNextKey() {
        return iterator.peekNextKey();
      }

      @Override
      public void close() {
        iterator.close();
      }
    };
  }
}
