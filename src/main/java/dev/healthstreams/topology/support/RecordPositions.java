package dev.healthstreams.topology.support;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The {@link InputPosition} of the record a processor is processing, from its context. */
public final class RecordPositions {
  private RecordPositions() {}

  /**
   * @param metadata {@code context.recordMetadata()}: empty in a punctuation, without a topic in a
   *     mock context that was not told one
   */
  public static InputPosition of(Optional<RecordMetadata> metadata) {
    return metadata
        .filter(m -> m.topic() != null)
        .map(m -> new InputPosition(m.topic(), m.partition(), m.offset()))
        .orElse(InputPosition.UNKNOWN);
  }
}
