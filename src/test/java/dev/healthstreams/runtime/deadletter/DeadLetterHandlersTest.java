package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The shared dead-letter handlers, as DeadLetterConfig wires them, on a test-only topology that
 * reads PatientSummary (Avro) and writes the patient id; the patient ids "bad-record", "boom" and
 * "outage" make the mapper throw.
 */
class DeadLetterHandlersTest {
  private static final String SCOPE = "DeadLetterHandlersTest";
  private static final String TOPOLOGY = "dlq-test";
  private static final String IN = "test.patients";
  private static final String OUT = "test.patient-ids";
  private static final String DLQ = "test.dlq";
  private static final String SECRET = "secret PHI text";
  private static final String BAD_RECORD_MESSAGE = "patient at offset 5 has no subject";

  private SimpleMeterRegistry meters;
  private AvroSerdes avro;
  private ListAppender<ILoggingEvent> logs;
  private TopologyTestDriver driver;

  @BeforeEach
  void setUp() {
    meters = new SimpleMeterRegistry();
    avro = new AvroSerdes(SchemaRegistries.connect("mock://" + SCOPE, Map.of()));
    logs = new ListAppender<>();
    logs.start();
    rootLogger().addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
    rootLogger().detachAppender(logs);
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static Topology topology(Serde<PatientSummary> valueSerde) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN, Consumed.with(Serdes.String(), valueSerde).withName("read"))
        .mapValues(
            patient -> {
              String id = patient.getPatientId();
              switch (id) {
                case "bad-record" -> throw new BadRecordException("no-subject", BAD_RECORD_MESSAGE);
                case "boom" -> throw new RuntimeException(SECRET);
                case "outage" ->
                    throw new SchemaRegistryException("registry http://registry:8081 unreachable");
                default -> {
                  return id;
                }
              }
            },
            Named.as("to-id"))
        .to(OUT, Produced.with(Serdes.String(), Serdes.String()).withName("write"));
    return builder.build();
  }

  private TopologyTestDriver driver(Serde<PatientSummary> valueSerde) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-handlers-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.putAll(DeadLetterConfig.streamsProperties(TOPOLOGY, DLQ, new DeadLetterCounter(meters)));
    driver = new TopologyTestDriver(topology(valueSerde), props);
    return driver;
  }

  private byte[] avroBytes(String patientId) {
    return avro.specific(PatientSummary.class)
        .serializer()
        .serialize(IN, PatientSummary.newBuilder().setPatientId(patientId).build());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private double deadLetters(String reason) {
    Counter counter =
        meters
            .find("healthstreams.dead.letters")
            .tags("topology", TOPOLOGY, "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static boolean causedByRegistryOutage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  private void assertSource(TestRecord<byte[], byte[]> dead, long offset) {
    assertEquals(TOPOLOGY, header(dead.headers(), DeadLetterHeaders.TOPOLOGY));
    assertEquals(IN, header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals("0", header(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION));
    assertEquals(Long.toString(offset), header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET));
  }

  @Test
  void shouldDeadLetterBadRecordsWithTheirOriginalBytesAndProcessEveryGoodOne() {
    driver(avro.specific(PatientSummary.class));
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(IN, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<String, String> out =
        driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
    TestOutputTopic<byte[], byte[]> dlq =
        driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    byte[] unknownId =
        ByteBuffer.allocate(9).put((byte) 0).putInt(9999).put(new byte[] {1, 2, 3, 4}).array();
    byte[] wrongMagic = {7, 0, 0, 0, 1, 42, 42};
    byte[] badRecord = avroBytes("bad-record");
    byte[] boom = avroBytes("boom");
    RecordHeaders traced = new RecordHeaders();
    traced.add("trace-id", bytes("t-1"));

    in.pipeInput(bytes("k0"), avroBytes("p0")); // offset 0
    in.pipeInput(new TestRecord<>(bytes("k1"), unknownId, traced)); // offset 1
    in.pipeInput(bytes("k2"), avroBytes("p2")); // offset 2
    in.pipeInput(bytes("k3"), wrongMagic); // offset 3
    in.pipeInput(bytes("k4"), avroBytes("p4")); // offset 4
    in.pipeInput(bytes("k5"), badRecord); // offset 5
    in.pipeInput(bytes("k6"), avroBytes("p6")); // offset 6
    in.pipeInput(bytes("k7"), boom); // offset 7
    in.pipeInput(bytes("k8"), avroBytes("p8")); // offset 8

    assertEquals(List.of("p0", "p2", "p4", "p6", "p8"), out.readValuesToList());

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertEquals(4, dead.size());

    TestRecord<byte[], byte[]> unknown = dead.get(0);
    assertArrayEquals(bytes("k1"), unknown.key());
    assertArrayEquals(unknownId, unknown.value());
    assertEquals("unknown-schema-id", header(unknown.headers(), DeadLetterHeaders.REASON));
    assertEquals(
        BadRecordException.class.getName(),
        header(unknown.headers(), DeadLetterHeaders.ERROR_CLASS));
    assertEquals("t-1", header(unknown.headers(), "trace-id"), "original headers are kept");
    assertSource(unknown, 1);

    TestRecord<byte[], byte[]> corrupt = dead.get(1);
    assertArrayEquals(bytes("k3"), corrupt.key());
    assertArrayEquals(wrongMagic, corrupt.value());
    assertEquals("corrupt-avro", header(corrupt.headers(), DeadLetterHeaders.REASON));
    assertSource(corrupt, 3);

    TestRecord<byte[], byte[]> bad = dead.get(2);
    assertArrayEquals(bytes("k5"), bad.key());
    assertArrayEquals(badRecord, bad.value());
    assertEquals("no-subject", header(bad.headers(), DeadLetterHeaders.REASON));
    assertEquals(BAD_RECORD_MESSAGE, header(bad.headers(), DeadLetterHeaders.MESSAGE));
    assertEquals(
        BadRecordException.class.getName(), header(bad.headers(), DeadLetterHeaders.ERROR_CLASS));
    assertSource(bad, 5);

    TestRecord<byte[], byte[]> failed = dead.get(3);
    assertArrayEquals(bytes("k7"), failed.key());
    assertArrayEquals(boom, failed.value());
    assertEquals("processing-error", header(failed.headers(), DeadLetterHeaders.REASON));
    assertEquals(
        "java.lang.RuntimeException", header(failed.headers(), DeadLetterHeaders.ERROR_CLASS));
    assertNull(failed.headers().lastHeader(DeadLetterHeaders.MESSAGE));
    assertSource(failed, 7);

    assertEquals(1.0, deadLetters("unknown-schema-id"));
    assertEquals(1.0, deadLetters("corrupt-avro"));
    assertEquals(1.0, deadLetters("no-subject"));
    assertEquals(1.0, deadLetters("processing-error"));
    assertEquals(
        4.0,
        meters.find("healthstreams.dead.letters").counters().stream()
            .mapToDouble(Counter::count)
            .sum());
  }

  @Test
  void shouldKeepTheMessageOfForeignExceptionsOutOfHeadersAndLogs() {
    driver(avro.specific(PatientSummary.class));
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(IN, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<byte[], byte[]> dlq =
        driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    in.pipeInput(bytes("k"), avroBytes("boom"));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    for (Header h : dead.headers()) {
      String value = h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
      assertFalse(value.contains(SECRET), () -> "header " + h.key() + " = " + value);
    }
    assertFalse(logs.list.isEmpty(), "the dead letter is logged");
    for (ILoggingEvent event : logs.list) {
      assertFalse(event.getFormattedMessage().contains(SECRET), event::getFormattedMessage);
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        assertFalse(message.contains(SECRET), () -> "logged exception: " + message);
      }
    }
    assertTrue(
        logs.list.stream()
            .anyMatch(
                e ->
                    e.getFormattedMessage().contains("reason=processing-error")
                        && e.getFormattedMessage().contains(DLQ)),
        () -> logs.list.toString());
  }

  @Test
  void shouldFailRatherThanDeadLetterWhenTheRegistryIsDownWhileDeserializing() {
    Deserializer<PatientSummary> failing =
        (topic, data) -> {
          throw new SchemaRegistryException("registry http://registry:8081 did not answer");
        };
    Serde<PatientSummary> serde =
        Serdes.serdeFrom(avro.specific(PatientSummary.class).serializer(), failing);
    driver(serde);
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(IN, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<byte[], byte[]> dlq =
        driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> in.pipeInput(bytes("k"), avroBytes("p0")));

    assertTrue(causedByRegistryOutage(thrown), () -> "not the outage: " + thrown);

    assertTrue(dlq.isEmpty());
    assertTrue(meters.find("healthstreams.dead.letters").counters().isEmpty());
  }

  @Test
  void shouldFailRatherThanDeadLetterWhenTheRegistryIsDownWhileProcessing() {
    driver(avro.specific(PatientSummary.class));
    TestInputTopic<byte[], byte[]> in =
        driver.createInputTopic(IN, new ByteArraySerializer(), new ByteArraySerializer());
    TestOutputTopic<byte[], byte[]> dlq =
        driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> in.pipeInput(bytes("k"), avroBytes("outage")));

    assertTrue(causedByRegistryOutage(thrown), () -> "not the outage: " + thrown);

    assertTrue(dlq.isEmpty());
    assertTrue(meters.find("healthstreams.dead.letters").counters().isEmpty());
  }
}
