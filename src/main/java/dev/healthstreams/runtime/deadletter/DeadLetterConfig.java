package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The Streams properties that give a topology the shared dead-letter behaviour. */
public final class DeadLetterConfig {
  private DeadLetterConfig() {}

  public static Map<String, Object> streamsProperties(
      String topology, String deadLetterTopic, DeadLetterCounter counter) {
    return Map.of(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterDeserializationHandler.class.getName(),
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProcessingHandler.class.getName(),
        DeadLetterSettings.TOPOLOGY_CONFIG, topology,
        DeadLetterSettings.COUNTER_CONFIG, counter);
  }
}
