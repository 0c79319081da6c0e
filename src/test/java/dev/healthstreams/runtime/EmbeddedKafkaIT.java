package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
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

      try (Admin admin = kafka.admin()) {
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

      produce(kafka, List.of("plain-1", "plain-2", "plain-3"));
      produceInTransaction(kafka, List.of("tx-1", "tx-2"), true);
      produceInTransaction(kafka, List.of("aborted-1"), false);

      List<String> seen = consume(kafka, GROUP, 5);
      assertEquals(
          Set.of("plain-1", "plain-2", "plain-3", "tx-1", "tx-2"),
          Set.copyOf(seen),
          "read_committed");
    }

    try (EmbeddedKafka again = EmbeddedKafka.start(dataDir);
        Admin admin = again.admin()) {
      assertEquals(firstAddress, again.bootstrapServers());
      TopicProvisioner provisioner = new TopicProvisioner(admin, firstAddress, TIMEOUT);
      assertEquals(
          Set.of("it.embedded.never-created"),
          provisioner.missing(List.of(TOPIC, COMPACTED_TOPIC, "it.embedded.never-created")));

      // The first reader consumed everything, so its committed positions are the log ends.
      Map<TopicPartition, Long> committed = new HashMap<>();
      admin
          .listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach((partition, offset) -> committed.put(partition, offset.offset()));
      Map<TopicPartition, OffsetSpec> latest =
          Map.of(
              new TopicPartition(TOPIC, 0), OffsetSpec.latest(),
              new TopicPartition(TOPIC, 1), OffsetSpec.latest());
      Map<TopicPartition, Long> logEnds = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((partition, info) -> logEnds.put(partition, info.offset()));
      assertEquals(logEnds, committed, "committed offsets survive the restart");

      List<String> reread = consume(again, "it-embedded-second-reader", 5);
      assertEquals(Set.of("plain-1", "plain-2", "plain-3", "tx-1", "tx-2"), Set.copyOf(reread));
    }
  }

  @Test
  void shouldRunAnExactlyOnceStreamsApp(@TempDir Path stateDir) throws Exception {
    String input = "it.embedded.eos-in";
    String output = "it.embedded.eos-out";
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
        Admin admin = kafka.admin()) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), TIMEOUT)
          .ensure(
              List.of(
                  new TopicSpec(input, 2, (short) 1, false),
                  new TopicSpec(output, 2, (short) 1, false)));
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
          .mapValues(value -> value.toUpperCase(Locale.ROOT))
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      Map<String, Object> props = new HashMap<>();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-embedded-eos");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(
          StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG),
          (int) TIMEOUT.toMillis());

      try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(props))) {
        streams.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
          producer.send(new ProducerRecord<>(input, "k1", "heart rate")).get();
          producer.send(new ProducerRecord<>(input, "k2", "spo2")).get();
        }
        // read_committed: these only appear once the Streams transaction committed.
        List<String> transformed = consume(kafka, "it-embedded-eos-reader", output, 2);
        assertEquals(Set.of("HEART RATE", "SPO2"), Set.copyOf(transformed));
      }
    }
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("cleanup.policy").value();
  }

  private static void produce(EmbeddedKafka kafka, List<String> values) throws Exception {
    Map<String, Object> props = producerProps(kafka);
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

  private static List<String> consume(EmbeddedKafka kafka, String group, int expected) {
    return consume(kafka, group, TOPIC, expected);
  }

  /** Reads until expected records arrived, polls once more to catch any extra one, and commits. */
  private static List<String> consume(
      EmbeddedKafka kafka, String group, String topic, int expected) {
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
      consumer.subscribe(List.of(topic));
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
