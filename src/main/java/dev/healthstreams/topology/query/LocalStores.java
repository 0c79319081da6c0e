package dev.healthstreams.topology.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This replica's stores, as a {@link LocalLister} reads them: its active copies only. */
public interface LocalStores {
  <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name);
}
