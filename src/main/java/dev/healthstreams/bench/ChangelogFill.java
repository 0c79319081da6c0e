package dev.healthstreams.bench;

import dev.healthstreams.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Fills a store's changelog with copies of the entries a topology wrote for copy 0 of the samples
 * ({@link StateCopies}): each written as the store itself writes it, the key as UTF-8 (a String key
 * serde) and the value re-encoded with the registry's Avro wire format and the writer's own schema,
 * to the partition the default partitioner picks for the key, as a repartition by that key would.
 * Written without a transaction: a restore reads them like committed ones.
 */
final class ChangelogFill {
  /** The fill: records written, their key and value bytes, how long it took. */
  record Filled(long records, long bytes, double seconds) {}

  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private final Map<String, Object> clients;
  private final AvroSerdes avro;
  private final StateCopies copies;

  ChangelogFill(Map<String, Object> clients, AvroSerdes avro, StateCopies copies) {
    this.clients = clients;
    this.avro = avro;
    this.copies = copies;
  }

  /** The latest value of every key in {@code topic} (deleted ones left out), by key. */
  Map<String, byte[]> read(String topic) {
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "healthstreams-bench-seed-reader");
    Map<String, byte[]> latest = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, record.value());
          }
        }
      }
    }
    return latest;
  }

  /**
   * Writes {@code count} entries to {@code topic}: copy 1 of every seed entry, then copy 2, and so
   * on, the last copy cut short.
   */
  Filled fill(String topic, Map<String, byte[]> seeds, long count) {
    if (seeds.isEmpty()) {
      throw new IllegalStateException(topic + " holds no entry to copy");
    }
    seeds
        .keySet()
        .forEach(
            key -> {
              if (!copies.isCopied(key)) {
                throw new IllegalStateException(
                    "a key of " + topic + " names no sample id of copy 0: copies would collide");
              }
            });
    Deserializer<GenericRecord> reader = avro.generic().deserializer();
    Serializer<GenericRecord> writer = avro.generic().serializer();
    Map<String, GenericRecord> decoded = new TreeMap<>();
    seeds.forEach((key, value) -> decoded.put(key, reader.deserialize(topic, value)));
    AtomicReference<Exception> failure = new AtomicReference<>();
    long written = 0;
    long bytes = 0;
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int copy = 1; written < count; copy++) {
        for (Map.Entry<String, GenericRecord> seed : decoded.entrySet()) {
          if (written == count) {
            break;
          }
          byte[] key = copies.copy(seed.getKey(), copy).getBytes(StandardCharsets.UTF_8);
          byte[] value = writer.serialize(topic, copies.copy(seed.getValue(), copy));
          producer.send(
              new ProducerRecord<>(topic, key, value),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
              });
          written++;
          bytes += key.length + value.length;
        }
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("writing to " + topic + " failed", failure.get());
    }
    return new Filled(written, bytes, (System.nanoTime() - started) / 1e9);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "healthstreams-bench-changelog-fill");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
