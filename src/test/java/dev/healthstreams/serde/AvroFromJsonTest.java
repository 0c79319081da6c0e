package dev.healthstreams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.errors.BadRecordException;
import org.junit.jupiter.api.Test;

/** Plain JSON, as `tail` prints an Avro record, back into the record. */
class AvroFromJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * {@link AlertFixtures#heartRateAlert()} as AvroJsonTest has it printed, written here by hand.
   */
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
  void shouldReadTheJsonTailPrintsBackIntoTheRecord() throws Exception {
    ClinicalAlert alert =
        AvroFromJson.read(JSON.readTree(HEART_RATE_ALERT_JSON), ClinicalAlert.class);

    assertEquals(AlertFixtures.heartRateAlert(), alert);
  }

  @Test
  void shouldTakeIsoTimestampsWrittenByHand() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(HEART_RATE_ALERT_JSON);
    // 1700000000 s after the epoch is 2023-11-14T22:13:20Z.
    ((ObjectNode) json.path("metadata")).put("timestamp", "2023-11-14T22:13:25Z");
    json.put("effectiveTime", "2023-11-14T22:13:20.123Z");

    assertEquals(AlertFixtures.heartRateAlert(), AvroFromJson.read(json, ClinicalAlert.class));
  }

  @Test
  void shouldRefuseWhatDoesNotFitTheSchemaNamingThePathButNotTheValue() throws Exception {
    assertRefused(with("severity", "SEVERE"), "$.severity", "SEVERE");
    assertRefused(with("threshold", "very-high"), "$.threshold", "very-high");
    // An unknown field's name is the input's, so it is not repeated either.
    assertRefused(
        with("patientNickname", "Janey"), "$ has a field that is not in ClinicalAlert", "Nickname");
    ObjectNode missing = (ObjectNode) JSON.readTree(HEART_RATE_ALERT_JSON);
    missing.remove("alertId");
    assertRefused(missing, "$.alertId is missing", "obs-1");
  }

  @Test
  void shouldKeyARecordByItsIdField() {
    assertEquals("interactionId", AvroFromJson.idField(KnowledgeInteraction.class));
    // metadata comes first but is a record; alertId is the first string ...Id field.
    assertEquals("alertId", AvroFromJson.idField(ClinicalAlert.class));
  }

  private static ObjectNode with(String field, String value) throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(HEART_RATE_ALERT_JSON);
    json.put(field, value);
    return json;
  }

  private static void assertRefused(ObjectNode json, String expectedInMessage, String value) {
    BadRecordException error =
        assertThrows(BadRecordException.class, () -> AvroFromJson.read(json, ClinicalAlert.class));
    assertEquals(AvroFromJson.REASON, error.reason());
    assertTrue(error.getMessage().contains(expectedInMessage), error.getMessage());
    assertFalse(error.getMessage().contains(value), "no value in: " + error.getMessage());
  }
}
