package dev.healthstreams.runtime.deadletter;

import dev.healthstreams.runtime.StartupException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic as it is when reading starts: every committed record from the beginning
 * (or from a time) up to the end offsets of that moment; later ones are left for the next read. No
 * consumer group: reading commits nothing.
 */
public final class DeadLetterTopic {
  private final Map<String, Object> clientProperties;
  private final Duration timeout;

  public DeadLetterTopic(Map<String, Object> clientProperties, Duration timeout) {
    this.clientProperties = clientProperties;
    this.timeout = timeout;
  }

  public void forEach(
      String topic, Optional<Instant> since, Consumer<ConsumerRecord<byte[], byte[]>> action) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientProperties, timeout)) {
      List<TopicPartition> partitions = partitions(consumer, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      since.ifPresent(time -> seekTo(consumer, partitions, time));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ends.get(partition)) {
            action.accept(record);
          }
        }
      }
    }
  }

  static KafkaConsumer<byte[], byte[]> consumer(
      Map<String, Object> clientProperties, Duration timeout) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static List<TopicPartition> partitions(
      KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, timeout);
    } catch (TimeoutException e) {
      throw new StartupException(
          "Kafka did not answer within " + timeout.toSeconds() + " s (partitions of " + topic + ")",
          e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new StartupException("the dead-letter topic " + topic + " does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static void seekTo(
      KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      consumer.seek(partition, at == null ? ends.get(partition) : at.offset());
    }
  }
}
