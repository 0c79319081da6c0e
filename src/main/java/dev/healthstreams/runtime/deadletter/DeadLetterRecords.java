package dev.healthstreams.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the dead-letter record: original key, value and headers plus where and why it failed. */
final class DeadLetterRecords {
  private DeadLetterRecords() {}

  static List<ProducerRecord<byte[], byte[]>> of(
      String deadLetterTopic,
      String topology,
      FailureClassifier.Failure failure,
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      Headers originalHeaders) {
    RecordHeaders headers = new RecordHeaders(originalHeaders == null ? null : originalHeaders);
    put(headers, DeadLetterHeaders.ERROR_CLASS, failure.errorClass());
    put(headers, DeadLetterHeaders.REASON, failure.reason());
    // A message left by an earlier dead-lettering (a replayed record) would explain another
    // failure.
    headers.remove(DeadLetterHeaders.MESSAGE);
    if (failure.safeMessage() != null) {
      put(headers, DeadLetterHeaders.MESSAGE, failure.safeMessage());
    }
    put(headers, DeadLetterHeaders.TOPOLOGY, topology);
    put(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
    put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition));
    put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset));
    return List.of(new ProducerRecord<>(deadLetterTopic, null, null, key, value, headers));
  }

  private static void put(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
