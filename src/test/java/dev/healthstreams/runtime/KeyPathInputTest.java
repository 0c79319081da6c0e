package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.ValueFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role that declares where its key is ({@link TopicRole#keyedBy}) is keyed from there by
 * backtest's line reader and by the demo's sample producer, for Avro and JSON values alike.
 */
class KeyPathInputTest {
  private static final String INTERACTION =
      "{\"interactionId\":\"acetaminophen-sertraline\","
          + "\"groupA\":{\"groupId\":\"acetaminophen\",\"name\":\"Acetaminophen\",\"rxnorm\":[\"161\"]},"
          + "\"groupB\":{\"groupId\":\"ssris\",\"name\":\"SSRIs\",\"rxnorm\":[\"36437\"]},"
          + "\"severity\":\"MINOR\",\"description\":\"a test interaction\"}";
  private static final String REQUEST =
      "{\"requestId\":\"rq-1\",\"payload\":{\"patientId\":\"p-7\",\"purpose\":\"TREAT\"}}";

  private final AvroSerdes avro =
      new AvroSerdes(SchemaRegistries.connect("mock://key-path-input-test", Map.of()));

  @TempDir Path work;

  @Test
  void avroLinesAreKeyedByTheirIdFieldUnlessTheRoleNamesAPath() {
    TopicRole<KnowledgeInteraction> byDefault =
        TopicRole.streamInput("in", ValueFormat.avro(KnowledgeInteraction.class), "in");
    assertEquals(
        "acetaminophen-sertraline", parse(byDefault, INTERACTION).key(), "the first ...Id field");

    InputRecord byPath = parse(byDefault.keyedBy("groupA.groupId"), INTERACTION);
    assertEquals("acetaminophen", byPath.key());
    assertNull(byPath.unconverted());
    KnowledgeInteraction value =
        avro.specific(KnowledgeInteraction.class).deserializer().deserialize("t", byPath.value());
    assertEquals("ssris", value.getGroupB().getGroupId().toString());
  }

  @Test
  void jsonLinesAreKeyedByThePathAndKeepTheirBytes() {
    TopicRole<byte[]> role =
        TopicRole.streamInput("requests", ValueFormat.json(), "requests")
            .keyedBy("payload.patientId");
    InputRecord record = parse(role, REQUEST);
    assertEquals("p-7", record.key());
    assertArrayEquals(REQUEST.getBytes(StandardCharsets.UTF_8), record.value());

    assertNull(parse(role.keyedBy("payload.missing"), REQUEST).key(), "a path to nothing");
  }

  @Test
  void theSampleProducerSendsAvroLinesEncodedAndKeyedAsTheRoleSays() throws Exception {
    Path file = Files.writeString(work.resolve("sample.ndjson"), INTERACTION + "\n\n" + REQUEST);
    TopicRole<KnowledgeInteraction> role =
        TopicRole.streamInput("in", ValueFormat.avro(KnowledgeInteraction.class), "in")
            .keyedBy("groupB.groupId");
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    long sent = new SampleProducer(producer, avro).produce(role, "knowledge.in", file);

    assertEquals(2, sent, "blank lines are skipped");
    List<ProducerRecord<String, byte[]>> records = producer.history();
    assertEquals("knowledge.in", records.get(0).topic());
    assertEquals("ssris", records.get(0).key());
    assertNull(records.get(0).timestamp(), "stamped when sent");
    KnowledgeInteraction value =
        avro.specific(KnowledgeInteraction.class)
            .deserializer()
            .deserialize("knowledge.in", records.get(0).value());
    assertEquals("acetaminophen-sertraline", value.getInteractionId().toString());
    assertArrayEquals(
        REQUEST.getBytes(StandardCharsets.UTF_8),
        records.get(1).value(),
        "a line that does not convert goes as it came, for the topology to dead-letter");
  }

  private InputRecord parse(TopicRole<?> role, String line) {
    return new InputLineParser(role, List.of("t"), avro)
        .parse(line.getBytes(StandardCharsets.UTF_8), "f record 1");
  }
}
