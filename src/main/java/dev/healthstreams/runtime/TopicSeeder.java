package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.TopicSeed;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a seeded topic hold exactly its seed: new and changed records are written, records no
 * longer in the seed get a tombstone, unchanged ones are left alone (so a restart writes nothing).
 */
public final class TopicSeeder {
  private static final Logger log = LoggerFactory.getLogger(TopicSeeder.class);

  /** What one seeding did. */
  public record Result(String topic, int written, int deleted, int unchanged) {}

  private TopicSeeder() {}

  public static List<Result> seed(AppConfig config, BuiltTopology topology, AvroSerdes avro) {
    return topology.seeds().stream()
        .map(seed -> seed(config, topology.config().topic(seed.role()), seed, avro))
        .toList();
  }

  private static <V extends SpecificRecord> Result seed(
      AppConfig config, String topic, TopicSeed<V> seed, AvroSerdes avro) {
    Map<String, byte[]> current = readAll(config, topic);
    var serializer = avro.specific(seed.type()).serializer();
    int written = 0;
    int deleted = 0;
    int unchanged = 0;
    try (KafkaProducer<String, byte[]> producer = producer(config)) {
      for (var entry : seed.records().entrySet()) {
        byte[] bytes = serializer.serialize(topic, entry.getValue());
        if (Arrays.equals(bytes, current.get(entry.getKey()))) {
          unchanged++;
        } else {
          producer.send(new ProducerRecord<>(topic, entry.getKey(), bytes));
          written++;
        }
      }
      for (var entry : current.entrySet()) {
        if (entry.getValue() != null && !seed.records().containsKey(entry.getKey())) {
          producer.send(new ProducerRecord<>(topic, entry.getKey(), null));
          deleted++;
        }
      }
      producer.flush();
    }
    log.info(
        "topic={} seeded: {} written, {} deleted, {} unchanged",
        topic,
        written,
        deleted,
        unchanged);
    return new Result(topic, written, deleted, unchanged);
  }

  /** The latest value per key of the whole topic (null for a tombstone). */
  private static Map<String, byte[]> readAll(AppConfig config, String topic) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) config.app().startupTimeout().toMillis());
    Map<String, byte[]> latest = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + config.app().startupTimeout().toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new StartupException("could not read topic " + topic + " to its end in time");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          latest.put(record.key(), record.value());
        }
      }
    }
    return latest;
  }

  private static KafkaProducer<String, byte[]> producer(AppConfig config) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.app().startupTimeout().toMillis());
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
