package dev.healthstreams.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A real topic with the serdes of its role: what a topology reads from or writes to. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** How to read it, as a source node with a stable name. */
  public Consumed<K, V> consumed(String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  /** How to write it, as a sink node with a stable name. */
  public Produced<K, V> produced(String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }
}
