package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonReplayerTest {

  private static final String TOPIC = "fhir.observation";
  private static final String FIRST =
      "{\"resourceType\":\"Patient\",\"id\":\"p-1\",\"name\":\"Zoë\"}";
  private static final String SECOND = "{\"resourceType\":\"Patient\",\"id\":\"p-2\"}";
  private static final String NO_ID = "not json at all";

  @TempDir Path dir;

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  @Test
  void shouldDetectGzipByContentNotByName() throws IOException {
    Path gzipWithoutSuffix = gzip(dir.resolve("observations.ndjson"), FIRST + "\n");
    Path plainWithGzSuffix = plain(dir.resolve("patients.gz"), SECOND + "\n");

    long sent =
        new NdjsonReplayer(producer)
            .replay(List.of(gzipWithoutSuffix, plainWithGzSuffix), TOPIC, 0, null);

    assertEquals(2, sent);
    assertEquals(List.of("p-1", "p-2"), keys());
  }

  @Test
  void shouldSendLinesByteForByteSkippingBlankOnesAndKeepingRecordsWithoutId() throws IOException {
    Path file =
        plain(dir.resolve("mixed.ndjson"), "\n" + FIRST + "\r\n  \n" + NO_ID + "\n\n" + SECOND);

    long sent = new NdjsonReplayer(producer).replay(List.of(file), TOPIC, -1, null);

    assertEquals(3, sent);
    List<ProducerRecord<String, byte[]>> history = producer.history();
    assertArrayEquals(FIRST.getBytes(StandardCharsets.UTF_8), history.get(0).value());
    assertArrayEquals(NO_ID.getBytes(StandardCharsets.UTF_8), history.get(1).value());
    assertArrayEquals(SECOND.getBytes(StandardCharsets.UTF_8), history.get(2).value());
    assertEquals("p-1", history.get(0).key());
    assertNull(history.get(1).key());
    assertTrue(history.stream().allMatch(record -> TOPIC.equals(record.topic())));
    assertTrue(producer.flushed());
  }

  @Test
  void shouldEndProgressWithEverythingSentOutOfTheCountedTotal() throws IOException {
    Path file = plain(dir.resolve("two.ndjson"), FIRST + "\n\n" + SECOND + "\n");
    List<long[]> updates = new ArrayList<>();

    new NdjsonReplayer(producer)
        .replay(List.of(file), TOPIC, 0, (sent, total) -> updates.add(new long[] {sent, total}));

    long[] last = updates.get(updates.size() - 1);
    assertArrayEquals(new long[] {2, 2}, last);
    assertTrue(updates.stream().allMatch(update -> update[1] == 2), "total known from the start");
  }

  @Test
  void shouldThrowWhenTheBrokerRejectsARecord() throws IOException {
    MockProducer<String, byte[]> failing =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(new TimeoutException("no broker"))) {
              // fail every pending send
            }
          }
        };
    Path file = plain(dir.resolve("one.ndjson"), FIRST + "\n");

    KafkaException error =
        assertThrows(
            KafkaException.class,
            () -> new NdjsonReplayer(failing).replay(List.of(file), TOPIC, 0, null));

    assertTrue(error.getMessage().contains(TOPIC), error.getMessage());
    assertTrue(error.getCause() instanceof TimeoutException);
  }

  private List<String> keys() {
    return producer.history().stream().map(ProducerRecord::key).toList();
  }

  private static Path plain(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static Path gzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
