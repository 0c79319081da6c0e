package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What every handler reads from the Streams config: the dead-letter topic (Kafka's own KIP-1034
 * key), the topology's name and the counter. The counter travels as an object in the config map
 * because Kafka instantiates handlers itself.
 */
record DeadLetterSettings(String topic, String topology, DeadLetterCounter counter) {
  static final String TOPOLOGY_CONFIG = "healthstreams.topology.name";
  static final String COUNTER_CONFIG = "healthstreams.dead-letter.counter";

  static DeadLetterSettings from(Map<String, ?> configs) {
    String topic =
        Objects.requireNonNull(
            (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG),
            "errors.dead.letter.queue.topic.name is not set");
    String topology = String.valueOf(configs.get(TOPOLOGY_CONFIG));
    Object counter = configs.get(COUNTER_CONFIG);
    return new DeadLetterSettings(
        topic, topology, counter instanceof DeadLetterCounter c ? c : DeadLetterCounter.NONE);
  }
}
