package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class GlobalDeadLetterWriterTest {
  private static final Map<String, Object> STREAMS =
      Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG, "healthstreams-medication-interaction",
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
  private static final ProducerRecord<byte[], byte[]> LETTER =
      new ProducerRecord<>("healthstreams.medication-interaction.dlq", new byte[] {1});

  private final List<MockProducer<byte[], byte[]>> made = new ArrayList<>();

  @Test
  void shouldCreateItsProducerAtTheFirstLetterAndCloseItWithTheTopology() throws Exception {
    GlobalDeadLetterWriter writer = new GlobalDeadLetterWriter(STREAMS, this::producer);
    assertEquals(0, made.size(), "no producer before a dead letter");

    writer.write(List.of(LETTER));
    writer.write(List.of(LETTER));
    writer.close();

    assertEquals(1, made.size());
    assertEquals(2, made.get(0).history().size());
    assertTrue(made.get(0).closed());
    assertThrows(IllegalStateException.class, () -> writer.write(List.of(LETTER)));
  }

  @Test
  void shouldAcknowledgeEveryLetterWithAllReplicasAndTheApplicationsClientId() throws Exception {
    List<Map<String, Object>> configs = new ArrayList<>();
    GlobalDeadLetterWriter writer =
        new GlobalDeadLetterWriter(
            STREAMS,
            c -> {
              configs.add(c);
              return producer(c);
            });
    writer.write(List.of(LETTER));

    assertEquals("all", configs.get(0).get("acks"));
    assertEquals(
        "healthstreams-medication-interaction-global-dead-letters",
        configs.get(0).get("client.id"));
  }

  /** The handlers Kafka instantiates find the writer the running topology installed and closes. */
  @Test
  void shouldGiveEveryHandlerTheWriterInstalledInTheStreamsConfig() {
    Properties props = new Properties();
    props.putAll(STREAMS);
    GlobalDeadLetterWriter installed = GlobalDeadLetterWriter.install(props);
    Map<String, Object> configs = new java.util.HashMap<>();
    props.forEach((k, v) -> configs.put(String.valueOf(k), v));

    assertSame(installed, GlobalDeadLetterWriter.from(configs));
    assertSame(installed, GlobalDeadLetterWriter.from(configs));
    installed.close();
  }

  private MockProducer<byte[], byte[]> producer(Map<String, Object> configs) {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    made.add(producer);
    return producer;
  }
}
