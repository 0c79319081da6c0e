package dev.healthstreams.runtime;

import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.TopicRole;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The output files of a backtest, {@code <role>.ndjson} per output role and {@code <topic>.ndjson}
 * for extra sinks such as routes, one line per record as `tail` prints it. Records are moved from
 * the driver to the files as the backtest goes, so a long input does not pile its outputs up in
 * memory, and so a dead letter backtest writes itself lands in order among the topology's own.
 */
final class BacktestOutputs implements Closeable {
  private final TopologyTestDriver driver;
  private final SchemaRegistryClient registry;
  private final Map<String, Sink> sinksByTopic = new LinkedHashMap<>();

  private static final class Sink {
    final String file;
    final TestOutputTopic<byte[], byte[]> topic;
    final BufferedWriter writer;
    long written;

    Sink(String file, TestOutputTopic<byte[], byte[]> topic, BufferedWriter writer) {
      this.file = file;
      this.topic = topic;
      this.writer = writer;
    }
  }

  BacktestOutputs(
      TopologyTestDriver driver,
      BuiltTopology topology,
      SchemaRegistryClient registry,
      Path outputDir) {
    this.driver = driver;
    this.registry = registry;
    Map<String, String> fileByTopic = new LinkedHashMap<>();
    for (TopicRole<?> role : topology.definition().roles()) {
      if (!role.isInput()) {
        topology.config().topics(role.name()).forEach(t -> fileByTopic.put(t, role.name()));
      }
    }
    topology.sinkTopics().forEach(t -> fileByTopic.putIfAbsent(t, t));
    try {
      Files.createDirectories(outputDir);
      for (var entry : fileByTopic.entrySet()) {
        TestOutputTopic<byte[], byte[]> topic =
            driver.createOutputTopic(
                entry.getKey(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        BufferedWriter writer =
            Files.newBufferedWriter(outputDir.resolve(entry.getValue() + ".ndjson"));
        sinksByTopic.put(entry.getKey(), new Sink(entry.getValue(), topic, writer));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what the topology has produced so far. */
  void drain() {
    // Only topics written to: reading one the driver has not seen yet logs a warning.
    for (String topic : driver.producedTopicNames()) {
      Sink sink = sinksByTopic.get(topic);
      if (sink != null) {
        drain(topic, sink);
      }
    }
  }

  /** Writes a record the backtest made itself, after what the topology wrote before it. */
  void append(ProducerRecord<byte[], byte[]> record) {
    Sink sink = sinksByTopic.get(record.topic());
    if (sink == null) {
      return;
    }
    if (driver.producedTopicNames().contains(record.topic())) {
      drain(record.topic(), sink);
    }
    Long timestamp = record.timestamp();
    write(
        sink,
        record.topic(),
        timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp,
        record.key(),
        record.headers(),
        record.value());
  }

  /** Records written per output file name, once everything produced has been written. */
  Map<String, Long> finish() {
    drain();
    Map<String, Long> counts = new LinkedHashMap<>();
    sinksByTopic.values().forEach(sink -> counts.put(sink.file, sink.written));
    return counts;
  }

  private void drain(String topic, Sink sink) {
    for (TestRecord<byte[], byte[]> record : sink.topic.readRecordsToList()) {
      write(sink, topic, timestampOf(record), record.key(), record.headers(), record.value());
    }
  }

  private void write(
      Sink sink, String topic, long timestamp, byte[] key, Headers headers, byte[] value) {
    try {
      sink.writer.write(
          RecordJson.toLine(
              RecordJson.toJson(
                  topic, 0, sink.written++, timestamp, key, headers, value, registry)));
      sink.writer.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The record's timestamp, or -1 (Kafka's "no timestamp") when it has none: dead-letter records
   * are produced without one (a broker would stamp them on append), and the driver keeps it null.
   */
  private static long timestampOf(TestRecord<byte[], byte[]> record) {
    Long timestamp = record.timestamp();
    return timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp;
  }

  @Override
  public void close() {
    IOException failure = null;
    for (Sink sink : sinksByTopic.values()) {
      try {
        sink.writer.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException(failure);
    }
  }
}
