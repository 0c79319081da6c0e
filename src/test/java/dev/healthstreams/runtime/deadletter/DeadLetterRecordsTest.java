package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {
  private static final FailureClassifier.Failure FOREIGN =
      new FailureClassifier.Failure("processing-error", "java.lang.RuntimeException", null);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> values(Headers headers, String name) {
    List<String> values = new ArrayList<>();
    for (Header h : headers.headers(name)) {
      values.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  @Test
  void shouldCarryOriginalKeyValueAndHeadersPlusWhereAndWhy() {
    RecordHeaders original = new RecordHeaders();
    original.add("trace-id", utf8("t-1"));

    List<ProducerRecord<byte[], byte[]>> records =
        DeadLetterRecords.of("dlq", "topo", FOREIGN, "in", 3, 42L, utf8("k"), utf8("v"), original);

    assertEquals(1, records.size());
    ProducerRecord<byte[], byte[]> dead = records.get(0);
    assertEquals("dlq", dead.topic());
    assertNull(dead.partition(), "the producer's partitioner chooses, by key");
    assertArrayEquals(utf8("k"), dead.key());
    assertArrayEquals(utf8("v"), dead.value());
    Headers h = dead.headers();
    assertEquals(List.of("t-1"), values(h, "trace-id"));
    assertEquals(List.of("java.lang.RuntimeException"), values(h, DeadLetterHeaders.ERROR_CLASS));
    assertEquals(List.of("processing-error"), values(h, DeadLetterHeaders.REASON));
    assertEquals(List.of("topo"), values(h, DeadLetterHeaders.TOPOLOGY));
    assertEquals(List.of("in"), values(h, DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals(List.of("3"), values(h, DeadLetterHeaders.SOURCE_PARTITION));
    assertEquals(List.of("42"), values(h, DeadLetterHeaders.SOURCE_OFFSET));
    assertEquals(List.of(), values(h, DeadLetterHeaders.MESSAGE));
  }

  @Test
  void shouldAddMessageOnlyForSafeMessages() {
    var bad = new FailureClassifier.Failure("no-subject", "x.BadRecordException", "obs o-1");

    var dead = DeadLetterRecords.of("dlq", "topo", bad, "in", 0, 0L, null, null, null).get(0);

    assertEquals(List.of("obs o-1"), values(dead.headers(), DeadLetterHeaders.MESSAGE));
  }

  @Test
  void shouldReplaceHeadersOfAnEarlierDeadLetteringInsteadOfAddingSecondValues() {
    // A record replayed from a dead-letter topic already carries our headers.
    RecordHeaders original = new RecordHeaders();
    original.add(DeadLetterHeaders.REASON, utf8("corrupt-avro"));
    original.add(DeadLetterHeaders.SOURCE_OFFSET, utf8("7"));
    original.add(DeadLetterHeaders.MESSAGE, utf8("old message"));

    var dead =
        DeadLetterRecords.of("dlq", "topo", FOREIGN, "in", 0, 9L, null, null, original).get(0);

    assertEquals(List.of("processing-error"), values(dead.headers(), DeadLetterHeaders.REASON));
    assertEquals(List.of("9"), values(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET));
    // A stale message would explain another failure than this one.
    assertEquals(List.of(), values(dead.headers(), DeadLetterHeaders.MESSAGE));
  }

  @Test
  void shouldLeaveTheSourceRecordHeadersUntouched() {
    RecordHeaders original = new RecordHeaders();
    original.add("trace-id", utf8("t-1"));

    DeadLetterRecords.of("dlq", "topo", FOREIGN, "in", 0, 1L, null, null, original);

    assertEquals(1, original.toArray().length);
    assertEquals(List.of("t-1"), values(original, "trace-id"));
  }

  @Test
  void shouldAcceptRecordsWithoutKeyValueOrHeaders() {
    var dead = DeadLetterRecords.of("dlq", "topo", FOREIGN, "in", 0, 1L, null, null, null).get(0);

    assertNull(dead.key());
    assertNull(dead.value());
    assertEquals(List.of("topo"), values(dead.headers(), DeadLetterHeaders.TOPOLOGY));
  }
}
