package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.SyntheaExport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonReplayerIT {

  private static final int GZ_SLICE = 200;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  private static EmbeddedKafka kafka;

  @TempDir Path files;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dataDir);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldProduceEveryLineKeyedByItsResourceId() throws IOException {
    String topic = "it.replay.observations";
    createTopic(topic);
    List<String> observations = firstLines(SyntheaExport.observations(), GZ_SLICE + 3);
    Path gzSlice = writeGzip(files.resolve("slice.ndjson.gz"), observations.subList(0, GZ_SLICE));
    Path plain =
        Files.write(files.resolve("extra.ndjson"), observations.subList(GZ_SLICE, GZ_SLICE + 3));
    List<String> expectedKeys = new ArrayList<>();
    for (String line : observations) {
      expectedKeys.add(JSON.readTree(line).get("id").asText());
    }

    long sent;
    try (Producer<String, byte[]> producer = producer()) {
      sent = new NdjsonReplayer(producer).replay(List.of(gzSlice, plain), topic, 0, null);
    }

    assertEquals(GZ_SLICE + 3, sent);
    List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, GZ_SLICE + 3);
    assertEquals(GZ_SLICE + 3, records.size());
    Map<String, String> valueByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      valueByKey.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
    }
    assertEquals(Set.copyOf(expectedKeys), valueByKey.keySet());
    for (String line : observations) {
      JsonNode resource = JSON.readTree(line);
      assertEquals(line, valueByKey.get(resource.get("id").asText()), "value is the line as is");
    }
  }

  @Test
  void shouldSpreadRecordsOverTimeAtTheRequestedRate() throws IOException {
    String topic = "it.replay.paced";
    createTopic(topic);
    Path slice =
        writeGzip(files.resolve("paced.gz"), firstLines(SyntheaExport.observations(), 200));

    long started = System.nanoTime();
    try (Producer<String, byte[]> producer = producer()) {
      new NdjsonReplayer(producer).replay(List.of(slice), topic, 400, null);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // 200 records at 400/s: the 200th is due 199/400 s = 0.4975 s after the first.
    assertTrue(took.toMillis() >= 450, "took " + took);
  }

  private static void createTopic(String topic) {
    try (Admin admin = kafka.admin()) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), TIMEOUT)
          .ensure(List.of(new TopicSpec(topic, 4, (short) 1, false)));
    }
  }

  private static Producer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            20),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int expected) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-replay-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(records::add); // nothing extra may follow
    }
    return records;
  }

  private static List<String> firstLines(Path gzip, int count) throws IOException {
    try (BufferedReader reader = SyntheaExport.lines(gzip)) {
      return reader.lines().limit(count).toList();
    }
  }

  private static Path writeGzip(Path file, List<String> lines) throws IOException {
    try (Writer writer =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
    }
    return file;
  }
}
