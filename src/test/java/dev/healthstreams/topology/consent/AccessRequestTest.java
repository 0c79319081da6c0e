package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether an access request is keyed by its patient (else it takes the repartition hop, where one
 * that cannot be read is dead-lettered). Expected answers by hand, as a JSON tree would give them.
 */
class AccessRequestTest {
  @ParameterizedTest(name = "{0} / {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p1 | {\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"} | true",
        "p2 | {\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"} | false",
        "p1 | {\"requester\":{\"patientId\":\"p2\"},\"patientId\":\"p1\",\"x\":[1,{\"y\":2}]} | true",
        "p2 | {\"requester\":{\"patientId\":\"p2\"},\"patientId\":\"p1\"} | false",
        "p1 | {\"patientId\":\"p2\",\"patientId\":\"p1\"} | true",
        "p1 | {\"patientId\":\"p1\",\"purpose\": | false",
        "p1 | {\"patientId\":\"p1\" | false",
        "p1 | [\"p1\"] | false",
        "p1 | not json | false",
        "'{}' | {\"patientId\":{}} | false",
        "' ' | {\"patientId\":\" \"} | false",
        "p1 | {\"patientId\":null} | false",
        "123 | {\"patientId\":123} | true",
      })
  void keyedByThePatientItNames(String key, String json, boolean expected) {
    assertEquals(
        expected, AccessRequest.keyedByPatient(key, json.getBytes(StandardCharsets.UTF_8)));
  }
}
