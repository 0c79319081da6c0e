package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Reading a dead letter's provenance back, selecting it, and the record a replay writes. */
class DeadLetterReplayTest {
  private static final byte[] KEY = bytes("obs-2");
  private static final byte[] VALUE = bytes("{\"resourceType\":\"Observation\"}");

  @Test
  void shouldReadProvenanceAndRestoreTheOriginalHeaders() {
    DeadLetter letter = DeadLetter.of(deadLetter(3, 41, KEY, "no-patient", true)).orElseThrow();

    assertEquals("fhir.observation", letter.sourceTopic());
    assertEquals(2, letter.sourcePartition());
    assertEquals(17, letter.sourceOffset());
    assertEquals("no-patient", letter.reason());
    assertEquals("obs.dlq/3/41", letter.coordinates());
    assertEquals(
        List.of("traceparent"),
        keys(letter.originalHeaders()),
        "what dead-lettering added is gone, the producer's own header stays");
  }

  @Test
  void shouldRefuseToGuessWithoutProvenance() {
    assertEquals(Optional.empty(), DeadLetter.of(deadLetter(0, 1, KEY, "no-patient", false)));
  }

  @Test
  void shouldReplayToTheSourceTopicByKeyOrElseToTheSourcePartition() {
    DeadLetter keyed = DeadLetter.of(deadLetter(3, 41, KEY, "no-patient", true)).orElseThrow();
    ProducerRecord<byte[], byte[]> replay = DeadLetterReplayer.replayOf(keyed);

    assertEquals("fhir.observation", replay.topic());
    assertNull(replay.partition(), "a keyed record goes where its key puts it");
    assertArrayEquals(KEY, replay.key());
    assertArrayEquals(VALUE, replay.value());
    assertEquals(
        "obs.dlq/3/41",
        new String(
            replay.headers().lastHeader(DeadLetter.REPLAYED_FROM).value(), StandardCharsets.UTF_8));
    assertEquals(List.of("traceparent", DeadLetter.REPLAYED_FROM), keys(replay.headers()));

    DeadLetter unkeyed = DeadLetter.of(deadLetter(3, 42, null, "not-json", true)).orElseThrow();
    assertEquals(2, DeadLetterReplayer.replayOf(unkeyed).partition());
  }

  @Test
  void shouldSpellTheSelectionInItsGroupIdAndReadItBack() {
    ReplaySelection reason =
        new ReplaySelection("observation-alerting", Optional.of("not-json"), Optional.empty());
    ReplaySelection all =
        new ReplaySelection("observation-alerting", Optional.empty(), Optional.empty());

    assertEquals("hs-dlq-replay:observation-alerting:not-json:*", reason.groupId("hs"));
    assertEquals(
        Optional.of(reason),
        ReplaySelection.fromGroupId(reason.groupId("hs"), "hs", "observation-alerting"));
    assertEquals(
        Optional.empty(),
        ReplaySelection.fromGroupId(all.groupId("hs"), "hs", "medication-interaction"));
    assertEquals(
        Optional.empty(), ReplaySelection.fromGroupId("hs-observation-alerting", "hs", "x"));

    DeadLetter notJson = DeadLetter.of(deadLetter(0, 1, KEY, "not-json", true)).orElseThrow();
    DeadLetter noPatient = DeadLetter.of(deadLetter(0, 2, KEY, "no-patient", true)).orElseThrow();
    assertTrue(reason.matches(notJson));
    assertFalse(reason.matches(noPatient));
    assertTrue(all.matches(noPatient));
    assertFalse(
        new ReplaySelection("x", Optional.empty(), Optional.of("other.topic")).matches(notJson));
  }

  @Test
  void shouldCountByReasonAndSourceWithTheFirstAndLastByTime() {
    DeadLetterSummary summary = new DeadLetterSummary();
    summary.add("t", DeadLetter.of(deadLetter(0, 5, KEY, "not-json", true, 2_000)).orElseThrow());
    summary.add("t", DeadLetter.of(deadLetter(1, 9, KEY, "not-json", true, 1_000)).orElseThrow());
    summary.add("t", DeadLetter.of(deadLetter(0, 6, KEY, "no-patient", true, 3_000)).orElseThrow());
    summary.addWithoutProvenance("t", "obs.dlq/0/7", 4_000);

    var notJson =
        summary.groups().get(new DeadLetterSummary.Group("t", "not-json", "fhir.observation"));
    assertEquals(
        new DeadLetterSummary.Stats(2, "obs.dlq/1/9", 1_000, "obs.dlq/0/5", 2_000), notJson);
    assertEquals(
        1,
        summary
            .groups()
            .get(new DeadLetterSummary.Group("t", DeadLetterSummary.NO_PROVENANCE, "?"))
            .count());
    assertEquals(3, summary.groups().size());
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(
      int partition, long offset, byte[] key, String reason, boolean provenance) {
    return deadLetter(partition, offset, key, reason, provenance, 1_000);
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(
      int partition, long offset, byte[] key, String reason, boolean provenance, long time) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", bytes("00-abc-def-01"));
    headers.add(
        DeadLetterHeaders.ERROR_CLASS, bytes("dev.healthstreams.errors.BadRecordException"));
    headers.add(DeadLetterHeaders.REASON, bytes(reason));
    headers.add(DeadLetterHeaders.TOPOLOGY, bytes("observation-alerting"));
    if (provenance) {
      headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes("fhir.observation"));
      headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes("2"));
      headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes("17"));
    }
    return new ConsumerRecord<>(
        "obs.dlq",
        partition,
        offset,
        time,
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        VALUE.length,
        key,
        VALUE,
        headers,
        Optional.empty());
  }

  private static List<String> keys(Iterable<Header> headers) {
    List<String> keys = new java.util.ArrayList<>();
    headers.forEach(h -> keys.add(h.key()));
    return keys;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
