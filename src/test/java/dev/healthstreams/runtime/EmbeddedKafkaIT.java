package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TOPIC = "it.embedded.events";
  private static final String COMPACTED_TOPIC = "it.embedded.view";
  private static final String GROUP = "it-embedded-reader";

  @TempDir Path dataDir;

  @Test
  void shouldKeepTopicsRecordsOffsetsAndAddressAcrossRestart() throws Exception {
    String firstAddress;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      firstAddress = kafka.bootstrapServers();
      assertTrue(firstAddress.matches("127\\.0\\.0\\.1:\\d+"), firstAddress);

      try (Admin admin = admin(kafka)) {
        TopicProvisioner provisioner = new TopicProvisioner(admin, firstAddress, TIMEOUT);
        List<TopicSpec> specs =
            List.of(
                new TopicSpec(TOPIC, 2, (short) 1, false),
                new TopicSpec(COMPACTED_TOPIC, 1, (short) 1, true));
        provisioner.ensure(specs);
        provisioner.ensure(specs); // a second run finds everything in place
        assertEquals(Set.of(), provisioner.missing(List.of(TOPIC, COMPACTED_TOPIC)));
        assertEquals(
            2,
            admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get()
                .get(TOPIC)
                .partitions()
                .size());
        assertEquals("compact", cleanupPolicy(admin, COMPACTED_TOPIC));
        assertEquals("delete", cleanupPolicy(admin, TOPIC));
      }

      produce(kafka, Map.of(), List.of("plain-1", "plain-2", "plain-3"));
      produceInTransaction(kafka, List.of("tx-1", "tx-2"), true);
      produceInTransaction(kafka, List.of("aborted-1"), false);

      List<String> seen = consumeAndCommit(kafka, 5);
      assertEquals(
          Set.of("plain-1", "plain-2", "plain-3", "tx-1", "tx-2"),
          Set.copyOf(seen),
          "read_committed");
    }

    try (EmbeddedKafka again = EmbeddedKafka.start(dataDir);
        Admin admin = admin(again)) {
      assertEquals(firstAddress, again.bootstrapServers());
      TopicProvisioner provisioner = new TopicProvisioner(admin, firstAddress, TIMEOUT);
      assertEquals(
          Set.of("it.embedded.never-created"),
          provisioner.missing(List.of(TOPIC, COMPACTED_TOPIC, "it.embedded.never-created")));

      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      // 3 plain + 2 committed + 1 aborted records, plus one marker per transaction per partition
      // it wrote to: offsets count markers, so only check the group got past every record.
      long committedTotal = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      assertTrue(committedTotal >= 6, "committed offsets survive restart: " + committed);

      List<String> reread = consume(again, "it-embedded-second-reader", 5);
      assertEquals(Set.of("plain-1", "plain-2", "plain-3", "tx-1", "tx-2"), Set.copyOf(reread));
    }
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("cleanup.policy").value();
  }

  private static void produce(EmbeddedKafka kafka, Map<String, Object> extra, List<String> values)
      throws Exception {
    Map<String, Object> props = producerProps(kafka);
    props.putAll(extra);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(TOPIC, value, value)).get();
      }
    }
  }

  private static void produceInTransaction(
      EmbeddedKafka kafka, List<String> values, boolean commit) {
    Map<String, Object> props = producerProps(kafka);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-embedded-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      values.forEach(value -> producer.send(new ProducerRecord<>(TOPIC, value, value)));
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.flush();
        producer.abortTransaction();
      }
    }
  }

  private static Map<String, Object> producerProps(EmbeddedKafka kafka) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    return props;
  }

  private static List<String> consumeAndCommit(EmbeddedKafka kafka, int expected) {
    return consume(kafka, GROUP, expected);
  }

  /** Reads until expected records arrived, then keeps polling briefly to catch any extra one. */
  private static List<String> consume(EmbeddedKafka kafka, String group, int expected) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
        values.add(record.value());
      }
      consumer.commitSync();
    }
    assertEquals(expected, values.size(), "records read: " + values);
    return values;
  }
}
