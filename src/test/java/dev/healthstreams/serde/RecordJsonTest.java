package dev.healthstreams.serde;

import static dev.healthstreams.serde.JsonAssertions.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.ClinicalAlert;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
  private static final String SCOPE = "RecordJsonTest";
  private static final String TOPIC = "clinical.alerts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistryClient registry =
      SchemaRegistries.connect("mock://" + SCOPE, Map.of());

  @AfterEach
  void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldPrintEnvelopeWithKeyHeadersAndDecodedAvroValue() throws Exception {
    byte[] value =
        new AvroSerdes(registry)
            .specific(ClinicalAlert.class)
            .serializer()
            .serialize(TOPIC, AlertFixtures.heartRateAlert());
    RecordHeaders headers = new RecordHeaders();
    headers.add("correlation-id", utf8("corr-1"));

    ObjectNode line =
        RecordJson.toJson(
            TOPIC, 2, 41L, 1_700_000_009_000L, utf8("pat-1"), headers, value, registry);

    JsonNode expected =
        JSON.readTree(
            """
            {"topic": "clinical.alerts", "partition": 2, "offset": 41,
             "timestamp": 1700000009000, "key": "pat-1",
             "headers": {"correlation-id": "corr-1"}}
            """);
    ((ObjectNode) expected).set("value", AvroJson.toJson(AlertFixtures.heartRateAlert()));
    assertJsonEquals(expected, line);
  }

  @Test
  void shouldKeepJsonValuesAsJson() throws Exception {
    String observation = "{\"resourceType\":\"Observation\",\"id\":\"obs-1\"}";

    JsonNode value = valueOf(utf8(observation));

    assertJsonEquals(JSON.readTree(observation), value);
  }

  @Test
  void shouldShowOtherValuesAsText() {
    assertEquals("plain text, not json", valueOf(utf8("plain text, not json")).asText());
    assertTrue(valueOf(utf8("{\"half\": ")).isTextual());
    assertTrue(valueOf(null).isNull());
  }

  @Test
  void shouldShowUnknownSchemaIdAsErrorValue() throws Exception {
    JsonNode value = valueOf(new byte[] {0, 0, 0, 1, 0, 2});

    assertJsonEquals(JSON.readTree("{\"error\":\"unknown-schema-id\",\"schemaId\":256}"), value);
  }

  @Test
  void shouldShowCorruptAvroAsErrorValue() throws Exception {
    byte[] value =
        new AvroSerdes(registry)
            .specific(ClinicalAlert.class)
            .serializer()
            .serialize(TOPIC, AlertFixtures.heartRateAlert());

    JsonNode shown = valueOf(Arrays.copyOf(value, 9));

    assertJsonEquals(JSON.readTree("{\"error\":\"corrupt-avro\"}"), shown);
  }

  @Test
  void shouldPrintOneLineWithNullKeyAndNoHeaders() throws Exception {
    ObjectNode node =
        RecordJson.toJson(TOPIC, 0, 0L, 0L, null, null, utf8("line one\nline two"), registry);

    String line = RecordJson.toLine(node);

    assertFalse(line.contains("\n"));
    assertJsonEquals(node, JSON.readTree(line));
    assertTrue(node.get("key").isNull());
    assertEquals(0, node.get("headers").size());
  }

  private JsonNode valueOf(byte[] value) {
    return RecordJson.toJson(TOPIC, 0, 0L, 0L, null, new RecordHeaders(), value, registry)
        .get("value");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
