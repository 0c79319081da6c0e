package dev.healthstreams.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record read back from a dead-letter topic, with the provenance its headers carry: where it came
 * from and why it failed. The original record is its key, its value and its headers without the
 * ones dead-lettering added.
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    long timestamp,
    String topology,
    String reason,
    String errorClass,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    byte[] key,
    byte[] value,
    Headers headers) {

  /** Where a replayed record came from: {@code dlq-topic/partition/offset}. */
  public static final String REPLAYED_FROM = "healthstreams.replayed-from";

  /** Empty when the record lacks a provenance header (it is reported, never guessed). */
  public static Optional<DeadLetter> of(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    String sourceTopic = text(headers, DeadLetterHeaders.SOURCE_TOPIC);
    Integer sourcePartition = integer(headers, DeadLetterHeaders.SOURCE_PARTITION);
    Long sourceOffset = number(headers, DeadLetterHeaders.SOURCE_OFFSET);
    if (sourceTopic == null
        || sourceTopic.isBlank()
        || sourcePartition == null
        || sourceOffset == null) {
      return Optional.empty();
    }
    return Optional.of(
        new DeadLetter(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            text(headers, DeadLetterHeaders.TOPOLOGY),
            orUnknown(text(headers, DeadLetterHeaders.REASON)),
            text(headers, DeadLetterHeaders.ERROR_CLASS),
            sourceTopic,
            sourcePartition,
            sourceOffset,
            record.key(),
            record.value(),
            headers));
  }

  /** The original record's headers: these without what dead-lettering added. */
  public Headers originalHeaders() {
    RecordHeaders original = new RecordHeaders();
    for (Header header : headers) {
      if (!isAddedByDeadLettering(header.key())) {
        original.add(header.key(), header.value());
      }
    }
    return original;
  }

  /** {@code dlq-topic/partition/offset}, the value of {@link #REPLAYED_FROM}. */
  public String coordinates() {
    return topic + "/" + partition + "/" + offset;
  }

  static boolean isAddedByDeadLettering(String header) {
    return header.startsWith("healthstreams.error.")
        || header.equals(DeadLetterHeaders.TOPOLOGY)
        || header.startsWith("healthstreams.source.");
  }

  private static String orUnknown(String reason) {
    return reason == null || reason.isBlank() ? "unknown" : reason;
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Long number(Headers headers, String name) {
    String text = text(headers, name);
    try {
      return text == null ? null : Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer integer(Headers headers, String name) {
    Long value = number(headers, name);
    return value == null || value < 0 || value > Integer.MAX_VALUE ? null : value.intValue();
  }
}
