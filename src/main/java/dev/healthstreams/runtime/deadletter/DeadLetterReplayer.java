package dev.healthstreams.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes selected dead letters back to their source topics with their original key, value and
 * headers, plus {@link DeadLetter#REPLAYED_FROM}. One transaction per polled batch carries both the
 * records and the selection's consumer-group offsets, so a replay that stops half-way resumes where
 * it stopped and a second run never writes a dead letter twice. A dead letter another selection's
 * replay already passed is skipped too. Reads up to the topic's end as of the start.
 */
public final class DeadLetterReplayer {
  /** What a replay did. */
  public record Result(
      long read,
      long replayed,
      long notSelected,
      long replayedBefore,
      long withoutProvenance,
      Map<String, Long> bySourceTopic) {}

  /** Told of progress and of each dead letter skipped for lack of provenance. */
  public interface Listener {
    void progress(long read, long total);

    void withoutProvenance(String coordinates);
  }

  private final Map<String, Object> clientProperties;
  private final Duration timeout;
  private final String applicationIdPrefix;

  public DeadLetterReplayer(
      Map<String, Object> clientProperties, Duration timeout, String applicationIdPrefix) {
    this.clientProperties = clientProperties;
    this.timeout = timeout;
    this.applicationIdPrefix = applicationIdPrefix;
  }

  public Result replay(String topic, ReplaySelection selection, boolean dryRun, Listener listener)
      throws ExecutionException, InterruptedException {
    String group = selection.groupId(applicationIdPrefix);
    Map<ReplaySelection, Map<TopicPartition, Long>> others = otherReplays(selection, group);
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    Counts counts = new Counts();
    try (KafkaConsumer<byte[], byte[]> consumer = DeadLetterTopic.consumer(props, timeout);
        KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer(group)) {
      List<TopicPartition> partitions = DeadLetterTopic.partitions(consumer, topic, timeout);
      consumer.assign(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata from = committed.get(partition);
        if (from == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, from.offset());
        }
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long total = 0;
      for (TopicPartition partition : partitions) {
        total += Math.max(0, ends.get(partition) - consumer.position(partition));
      }
      if (producer != null) {
        producer.initTransactions();
      }
      listener.progress(0, total);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          continue;
        }
        if (producer != null) {
          producer.beginTransaction();
        }
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= ends.get(partition)) {
            continue;
          }
          counts.read++;
          handle(record, selection, others, producer, counts, listener);
        }
        if (producer != null) {
          Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
          for (TopicPartition partition : partitions) {
            positions.put(
                partition,
                new OffsetAndMetadata(Math.min(consumer.position(partition), ends.get(partition))));
          }
          producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
          producer.commitTransaction();
        }
        listener.progress(counts.read, total);
      }
    }
    return counts.result();
  }

  private void handle(
      ConsumerRecord<byte[], byte[]> record,
      ReplaySelection selection,
      Map<ReplaySelection, Map<TopicPartition, Long>> others,
      KafkaProducer<byte[], byte[]> producer,
      Counts counts,
      Listener listener) {
    Optional<DeadLetter> letter = DeadLetter.of(record);
    if (letter.isEmpty()) {
      counts.withoutProvenance++;
      listener.withoutProvenance(record.topic() + "/" + record.partition() + "/" + record.offset());
      return;
    }
    DeadLetter dead = letter.get();
    if (!selection.matches(dead)) {
      counts.notSelected++;
    } else if (replayedBefore(dead, others)) {
      counts.replayedBefore++;
    } else {
      if (producer != null) {
        producer.send(replayOf(dead));
      }
      counts.replayed++;
      counts.bySourceTopic.merge(dead.sourceTopic(), 1L, Long::sum);
    }
  }

  /** A keyed record goes where its key puts it, as its producer's did; one without, back home. */
  static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
    Headers headers = letter.originalHeaders();
    headers.remove(DeadLetter.REPLAYED_FROM);
    headers.add(DeadLetter.REPLAYED_FROM, letter.coordinates().getBytes(StandardCharsets.UTF_8));
    Integer partition = letter.key() == null ? letter.sourcePartition() : null;
    return new ProducerRecord<>(
        letter.sourceTopic(), partition, null, letter.key(), letter.value(), headers);
  }

  private static boolean replayedBefore(
      DeadLetter letter, Map<ReplaySelection, Map<TopicPartition, Long>> others) {
    TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
    return others.entrySet().stream()
        .anyMatch(
            other ->
                other.getKey().matches(letter)
                    && other.getValue().getOrDefault(partition, 0L) > letter.offset());
  }

  /** The committed offsets of every other selection's replay of this topology. */
  private Map<ReplaySelection, Map<TopicPartition, Long>> otherReplays(
      ReplaySelection selection, String ownGroup) throws ExecutionException, InterruptedException {
    Map<ReplaySelection, Map<TopicPartition, Long>> others = new LinkedHashMap<>();
    try (Admin admin = Admin.create(clientProperties)) {
      for (GroupListing listing : admin.listGroups().all().get()) {
        String id = listing.groupId();
        Optional<ReplaySelection> other =
            ReplaySelection.fromGroupId(id, applicationIdPrefix, selection.topology());
        if (other.isEmpty() || id.equals(ownGroup)) {
          continue;
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin
            .listConsumerGroupOffsets(Map.of(id, new ListConsumerGroupOffsetsSpec()))
            .partitionsToOffsetAndMetadata(id)
            .get()
            .forEach(
                (partition, offset) -> {
                  if (offset != null) {
                    offsets.put(partition, offset.offset());
                  }
                });
        others.put(other.get(), offsets);
      }
    }
    return others;
  }

  private KafkaProducer<byte[], byte[]> producer(String group) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static final class Counts {
    long read;
    long replayed;
    long notSelected;
    long replayedBefore;
    long withoutProvenance;
    final Map<String, Long> bySourceTopic = new LinkedHashMap<>();

    Result result() {
      return new Result(
          read,
          replayed,
          notSelected,
          replayedBefore,
          withoutProvenance,
          Map.copyOf(bySourceTopic));
    }
  }
}
