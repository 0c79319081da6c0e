package dev.healthstreams.testkit;

import dev.healthstreams.topology.query.LocalStores;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of one task as a replica's queries read them: partition 0 only, as the test driver and
 * a processor's mock context hold them.
 */
public final class OnePartitionStores implements LocalStores {
  private final Function<String, ? extends ReadOnlyKeyValueStore<?, ?>> byName;

  /**
   * @param byName the store of a name, e.g. {@code context::getStateStore}
   */
  public OnePartitionStores(Function<String, ? extends ReadOnlyKeyValueStore<?, ?>> byName) {
    this.byName = byName;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
    return (ReadOnlyKeyValueStore<K, V>) byName.apply(name);
  }

  @Override
  public <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name) {
    return Map.of(0, keyValueStore(name));
  }
}
