package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the chaos run adds to the message of a replica that never got ready, and what it takes for a
 * hanging transaction, on a real broker.
 */
class OpenTransactionsIT {
  @TempDir Path dir;

  @Test
  void shouldNameAnOpenTransactionAndItsPartitionsUntilItCommits() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "open-transactions-it"),
                new StringSerializer(),
                new StringSerializer())) {
      try (Admin admin = kafka.admin()) {
        admin.createTopics(List.of(new NewTopic("held-open", 1, (short) 1))).all().get();
      }
      assertEquals(
          "open transactions on the broker: none",
          OpenTransactions.describe(kafka.bootstrapServers()));

      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("held-open", 0, "k", "v")).get();
      String open = OpenTransactions.describe(kafka.bootstrapServers());
      String onPartitionsText = HangingTransactions.describe(kafka.bootstrapServers());
      List<HangingTransactions.Open> openOnPartitions;
      List<HangingTransactions.Open> hangingWhileOpen;
      try (Admin admin = kafka.admin()) {
        openOnPartitions = HangingTransactions.onPartitions(admin);
        hangingWhileOpen = HangingTransactions.find(admin, Duration.ZERO);
      }
      producer.commitTransaction();

      assertTrue(open.contains("open-transactions-it Ongoing"), open);
      assertEquals(
          List.of(new TopicPartition("held-open", 0)),
          openOnPartitions.stream().map(HangingTransactions.Open::partition).toList());
      assertTrue(onPartitionsText.contains("held-open-0 producer"), onPartitionsText);
      // Open on held-open-0, but its coordinator holds it open there: not hanging.
      assertEquals(List.of(), hangingWhileOpen);
      assertTrue(open.contains("held-open-0"), open);
      // The coordinator completes a commit after answering it.
      Await.until(
          "the committed transaction to be closed",
          Duration.ofSeconds(30),
          () ->
              OpenTransactions.describe(kafka.bootstrapServers())
                  .equals("open transactions on the broker: none"));
    }
  }
}
