package dev.healthstreams.topology.query;

import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This replica's stores, as a {@link LocalLister} reads them: its active copies only. */
public interface LocalStores {
  /** The store over all of this replica's partitions: for point reads (it chains partitions). */
  <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name);

  /**
   * The store's partitions on this replica, each on its own, by partition number: what a list walks
   * ({@link OrderedScan}), since only each partition's own walk is in key order.
   */
  <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name);
}
