package dev.healthstreams.serde;

import static dev.healthstreams.serde.JsonAssertions.assertJsonEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.avro.ClinicalAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HEART_RATE_ALERT_JSON =
      """
      {"metadata": {"eventId": "evt-1", "eventType": "ClinicalAlert",
                    "eventSource": "healthstreams/observation-alerting", "correlationId": "corr-1",
                    "causationId": "Observation/obs-1", "timestamp": 1700000005000, "version": 1},
       "alertId": "obs-1:hr-high", "ruleId": "hr-high", "observationId": "obs-1",
       "patientId": "pat-1", "code": "http://loinc.org|8867-4", "codeDisplay": "Heart rate",
       "severity": "HIGH", "description": "Heart rate above 120", "comparator": "gt",
       "threshold": 120.0, "value": 134.0, "unit": null, "status": "final",
       "effectiveTime": 1700000000123, "patientName": "Jane Placeholder",
       "patientMrn": "MRN-0001", "patientBirthDate": "1970-01-01"}
      """;

  @Test
  void shouldRenderSpecificAlertAsPlainJson() throws Exception {
    JsonNode json = AvroJson.toJson(AlertFixtures.heartRateAlert());

    assertJsonEquals(JSON.readTree(HEART_RATE_ALERT_JSON), json);
  }

  @Test
  void shouldRenderGenericAlertLikeTheSpecificOne() throws Exception {
    GenericRecord alert = AlertFixtures.genericAlert(ClinicalAlert.getClassSchema());
    alert.put("codeDisplay", "Heart rate");

    assertJsonEquals(JSON.readTree(HEART_RATE_ALERT_JSON), AvroJson.toJson(alert));
  }

  @Test
  void shouldRenderBytesArraysAndMaps() throws Exception {
    Schema schema =
        SchemaBuilder.record("Sample")
            .fields()
            .name("raw")
            .type()
            .bytesType()
            .noDefault()
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .name("counts")
            .type()
            .map()
            .values()
            .intType()
            .noDefault()
            .name("choice")
            .type()
            .unionOf()
            .nullType()
            .and()
            .intType()
            .and()
            .stringType()
            .endUnion()
            .nullDefault()
            .endRecord();
    GenericRecord sample = new GenericData.Record(schema);
    sample.put("raw", ByteBuffer.wrap("hi!".getBytes(StandardCharsets.UTF_8)));
    sample.put("tags", List.of("a", "b"));
    sample.put("counts", Map.of("x", 2));
    sample.put("choice", "word");

    JsonNode json = AvroJson.toJson(sample);

    assertJsonEquals(
        JSON.readTree(
            "{\"raw\":\"aGkh\",\"tags\":[\"a\",\"b\"],\"counts\":{\"x\":2},\"choice\":\"word\"}"),
        json);
  }
}
