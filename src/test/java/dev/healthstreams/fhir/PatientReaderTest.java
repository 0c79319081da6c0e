package dev.healthstreams.fhir;

import static dev.healthstreams.fhir.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.serde.BadRecordException;
import dev.healthstreams.testkit.Synthea;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PatientReaderTest {

  private final PatientReader reader = new PatientReader();

  @Test
  void shouldReadAFixturePatient() {
    String json = Fixtures.patient("pat-1", "Ann", "Smith", "MRN-77", "1970-02-03");

    assertEquals(
        new PatientFacts("pat-1", "Ann Smith", "MRN-77", "1970-02-03"), reader.read(bytes(json)));
  }

  @Test
  void shouldReadAnEnvelopedPatientInEitherKeyOrder() {
    String json = Fixtures.patient("pat-2", "Bo", "Lee", "MRN-78", "1980-01-01");
    PatientFacts expected = new PatientFacts("pat-2", "Bo Lee", "MRN-78", "1980-01-01");

    assertEquals(expected, reader.read(bytes(Fixtures.enveloped(json, "corr-1"))));
    assertEquals(expected, reader.read(bytes(Fixtures.envelopedPayloadFirst(json, "corr-1"))));
  }

  @Test
  void shouldPreferTheOfficialNameOverAnEarlierOne() {
    String json =
        "{\"resourceType\":\"Patient\",\"id\":\"pat-3\",\"name\":["
            + "{\"use\":\"nickname\",\"given\":[\"Bobby\"]},"
            + "{\"use\":\"official\",\"family\":\"Jones\",\"given\":[\"Robert\",\"Allan\"]}]}";

    assertEquals("Robert Allan Jones", reader.read(bytes(json)).name());
  }

  @Test
  void shouldMatchTheSyntheaSampleAsReadWithJackson() throws Exception {
    Path exported = Synthea.file("Patient.ndjson.gz");
    ObjectMapper mapper = new ObjectMapper();
    int checked = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(exported)), StandardCharsets.UTF_8))) {
      String line;
      while (checked < 20 && (line = lines.readLine()) != null) {
        JsonNode expected = mapper.readTree(line);
        PatientFacts facts = reader.read(bytes(line));

        assertEquals(expected.get("id").asText(), facts.id());
        assertEquals(expectedMrn(expected), facts.mrn());
        assertEquals(expectedName(expected), facts.name());
        assertEquals(expected.get("birthDate").asText(), facts.birthDate());
        checked++;
      }
    }
    assertEquals(20, checked);
  }

  @Test
  void shouldRejectBadInputWithoutEchoingIt() {
    assertReason("not-json", "{\"resourceType\": \"Patient\", \"name\": [Secret");
    assertReason("not-fhir", "{\"id\": \"pat-4\"}");
    assertReason("wrong-resource-type", Fixtures.heartRate("obs-1", "pat-1", 80));
    BadRecordException e =
        assertReason(
            "not-fhir",
            "{\"resourceType\":\"Patient\",\"id\":\"pat-5\",\"birthDate\":\"Secret-1970\"}");
    assertFalse(e.getMessage().contains("Secret"), e.getMessage());
  }

  private static String expectedMrn(JsonNode patient) {
    for (JsonNode identifier : patient.path("identifier")) {
      for (JsonNode coding : identifier.at("/type/coding")) {
        if (coding.path("system").asText().equals("http://terminology.hl7.org/CodeSystem/v2-0203")
            && coding.path("code").asText().equals("MR")) {
          return identifier.get("value").asText();
        }
      }
    }
    return null;
  }

  private static String expectedName(JsonNode patient) {
    JsonNode chosen = patient.path("name").get(0);
    for (JsonNode name : patient.path("name")) {
      if (name.path("use").asText().equals("official")) {
        chosen = name;
        break;
      }
    }
    List<String> parts = new ArrayList<>();
    chosen.path("given").forEach(given -> parts.add(given.asText()));
    parts.add(chosen.get("family").asText());
    return String.join(" ", parts);
  }

  private BadRecordException assertReason(String reason, String json) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(bytes(json)));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
