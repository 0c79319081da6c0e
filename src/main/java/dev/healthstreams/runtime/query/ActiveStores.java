package dev.healthstreams.runtime.query;

import dev.healthstreams.topology.query.LocalStores;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The active copies of a running topology's stores on this replica, whole or by partition. */
final class ActiveStores implements LocalStores {
  private final KafkaStreams streams;

  ActiveStores(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
  }

  /**
   * The partitions of this replica's active tasks that hold the store. Task metadata does not name
   * stores, and a partition number active in another sub-topology may be only a standby of this
   * store here: such a partition answers {@link InvalidStateStorePartitionException} and is left
   * out (the same active tasks the whole store reads). Any other failure is the caller's 503.
   */
  @Override
  public <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name) {
    Set<Integer> active = new TreeSet<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        active.add(task.taskId().partition());
      }
    }
    Map<Integer, ReadOnlyKeyValueStore<K, V>> stores = new TreeMap<>();
    for (int partition : active) {
      ReadOnlyKeyValueStore<K, V> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                  .withPartition(partition));
      try {
        // The store is looked up lazily, on its first read: a cheap one tells whether it is here.
        store.approximateNumEntries();
      } catch (InvalidStateStorePartitionException notHere) {
        continue;
      }
      stores.put(partition, store);
    }
    return stores;
  }
}
