package dev.healthstreams.fhir;

import static dev.healthstreams.fhir.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.fhir.ObservationFacts.CodedValue;
import dev.healthstreams.fhir.ObservationFacts.Coding;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationReaderTest {

  // 2024-04-17T10:15:00Z, computed independently (python datetime).
  private static final long EFFECTIVE_MILLIS = 1_713_348_900_000L;

  private final ObservationReader reader = new ObservationReader();

  @Test
  void shouldReadABareObservation() {
    ObservationFacts facts = reader.read(bytes(Fixtures.heartRate("obs-1", "pat-1", 131)));

    assertEquals("obs-1", facts.id());
    assertEquals("final", facts.status());
    assertEquals("Patient/pat-1", facts.subjectReference());
    assertEquals(EFFECTIVE_MILLIS, facts.effectiveTime());
    assertNull(facts.correlationId());
    assertEquals(1, facts.elements().size());
    CodedValue element = facts.elements().get(0);
    assertEquals(List.of(new Coding(Fixtures.LOINC, "8867-4", "LOINC 8867-4")), element.codings());
    assertEquals(131.0, element.value());
    assertEquals("/min", element.unitCode());
    assertEquals("/min", element.unitText());
  }

  @Test
  void shouldReadAnEnvelopeWithMetadataFirst() {
    String json = Fixtures.enveloped(Fixtures.heartRate("obs-2", "pat-1", 80), "corr-42");

    ObservationFacts facts = reader.read(bytes(json));

    assertEquals("obs-2", facts.id());
    assertEquals("corr-42", facts.correlationId());
    assertEquals(80.0, facts.elements().get(0).value());
  }

  @Test
  void shouldReadAnEnvelopeWithPayloadFirst() {
    String json =
        Fixtures.envelopedPayloadFirst(Fixtures.heartRate("obs-3", "pat-1", 80), "corr-43");

    ObservationFacts facts = reader.read(bytes(json));

    assertEquals("obs-3", facts.id());
    assertEquals("corr-43", facts.correlationId());
    assertEquals("Patient/pat-1", facts.subjectReference());
  }

  @Test
  void shouldListTheOwnCodeFirstThenEachComponent() {
    ObservationFacts facts = reader.read(bytes(Fixtures.bloodPressure("bp-1", "pat-1", 182.5, 95)));

    List<String> codes = new ArrayList<>();
    for (CodedValue element : facts.elements()) {
      codes.add(element.codings().get(0).code());
    }
    assertEquals(List.of("85354-9", "8480-6", "8462-4"), codes);
    assertNull(facts.elements().get(0).value());
    assertEquals(182.5, facts.elements().get(1).value());
    assertEquals(95.0, facts.elements().get(2).value());
    assertEquals("mm[Hg]", facts.elements().get(2).unitCode());
  }

  @Test
  void shouldReadValueInteger() {
    ObservationFacts facts =
        reader.read(bytes(Fixtures.integerObservation("pain-1", "pat-1", "72514-3", 7)));

    assertEquals(7.0, facts.elements().get(0).value());
    assertNull(facts.elements().get(0).unitCode());
  }

  @Test
  void shouldLeaveTheValueEmptyForNonNumericValueTypes() {
    ObservationFacts facts = reader.read(bytes(Fixtures.codedOnly("smoke-1", "pat-1", "72166-2")));

    assertEquals(1, facts.elements().size());
    assertNull(facts.elements().get(0).value());
  }

  @ParameterizedTest
  @CsvSource({
    "2024, 1704067200000",
    "2024-04, 1711929600000",
    "2024-04-17, 1713312000000",
    "2024-04-17T12:15:00+02:00, 1713348900000",
    "2019-02-11T01:37:18.123Z, 1549849038123"
  })
  void shouldReadFullAndPartialDateTimesAsTheStartOfTheirPeriodInUtc(String value, long millis) {
    String json = Fixtures.observation("obs-4", "pat-1", "final", value, "8867-4", 70, "/min");

    assertEquals(millis, reader.read(bytes(json)).effectiveTime());
  }

  @Test
  void shouldReadEffectiveInstantAndPeriodStart() {
    String base = Fixtures.observation("obs-5", "pat-1", "final", null, "8867-4", 70, "/min");
    String instant = Fixtures.withField(base, "effectiveInstant", "2024-04-17T10:15:00Z");
    String period =
        Fixtures.withField(
            base,
            "effectivePeriod",
            java.util.Map.of("start", "2024-04-17T10:15:00Z", "end", "2024-04-18"));

    assertEquals(EFFECTIVE_MILLIS, reader.read(bytes(instant)).effectiveTime());
    assertEquals(EFFECTIVE_MILLIS, reader.read(bytes(period)).effectiveTime());
    assertNull(reader.read(bytes(base)).effectiveTime());
  }

  @ParameterizedTest
  @CsvSource({"yesterday", "2024-13", "2024-02-30", "2024-04-17T10:15:00"})
  void shouldGiveNoTimeForUnparsableDateTimes(String value) {
    String json = Fixtures.observation("obs-6", "pat-1", "final", value, "8867-4", 70, "/min");

    assertNull(reader.read(bytes(json)).effectiveTime());
  }

  @Test
  void shouldReadAnObservationWithoutSubject() {
    String json = Fixtures.withoutField(Fixtures.heartRate("obs-7", "pat-1", 80), "subject");

    assertNull(reader.read(bytes(json)).subjectReference());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"{\"resourceType\": \"Observ", "abc", "{\"id\": }", "''"})
  void shouldRejectInvalidJsonAsNotJson(String text) {
    assertReason("not-json", text == null ? "" : text);
  }

  @Test
  void shouldRejectJsonWithoutResourceTypeAsNotFhir() {
    String json = Fixtures.withoutField(Fixtures.heartRate("obs-8", "pat-1", 80), "resourceType");

    assertReason("not-fhir", json);
    assertReason("not-fhir", "[1, 2]");
    assertReason("not-fhir", Fixtures.enveloped(json, "corr-1"));
  }

  @Test
  void shouldRejectOtherResourcesAsWrongResourceType() {
    String patient = Fixtures.patient("pat-1", "Ann", "Secret", "mrn-1", "1970-01-01");

    BadRecordException e = assertReason("wrong-resource-type", patient);
    assertFalse(e.getMessage().contains("Secret"));
    assertReason("wrong-resource-type", Fixtures.enveloped(patient, "corr-1"));
  }

  @Test
  void shouldRejectANonNumericValueWithoutEchoingIt() {
    String json =
        Fixtures.heartRate("obs-9", "pat-1", 80).replace("\"value\":80.0", "\"value\":\"abc\"");
    assertTrue(json.contains("\"abc\""), "fixture must carry the bad value");

    BadRecordException e = assertReason("unparsable-value", json);
    assertTrue(e.getMessage().contains("obs-9"));
    assertFalse(e.getMessage().contains("abc"));
  }

  @Test
  void shouldRejectANonNumericValueInteger() {
    String json =
        Fixtures.withField(
            Fixtures.codedOnly("obs-10", "pat-1", "72514-3"), "valueInteger", "seven");

    assertReason("unparsable-value", json);
  }

  @Test
  void shouldReadTheFirstSyntheaObservationsAsJacksonSeesThem() throws Exception {
    Path exported = Synthea.file("Observation.ndjson.gz");
    ObjectMapper mapper = new ObjectMapper();
    int checked = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(exported)), StandardCharsets.UTF_8))) {
      String line;
      while (checked < 2000 && (line = lines.readLine()) != null) {
        JsonNode expected = mapper.readTree(line);
        ObservationFacts facts = reader.read(bytes(line));

        assertEquals(expected.get("id").asText(), facts.id());
        assertEquals(expected.get("status").asText(), facts.status());
        assertEquals(expected.at("/subject/reference").asText(), facts.subjectReference());
        assertEquals(expectedCodes(expected), actualCodes(facts), "codes of " + facts.id());
        assertEquals(expectedValues(expected), actualValues(facts), "values of " + facts.id());
        checked++;
      }
    }
    assertEquals(2000, checked);
  }

  /** "system|code" of the Observation's code, then of each component's, from a Jackson tree. */
  private static List<List<String>> expectedCodes(JsonNode observation) {
    List<List<String>> codes = new ArrayList<>();
    codes.add(codesOf(observation.get("code")));
    for (JsonNode component : observation.path("component")) {
      codes.add(codesOf(component.get("code")));
    }
    return codes;
  }

  private static List<String> codesOf(JsonNode concept) {
    List<String> codes = new ArrayList<>();
    for (JsonNode coding : concept.path("coding")) {
      codes.add(coding.path("system").asText() + "|" + coding.path("code").asText());
    }
    return codes;
  }

  private static List<List<String>> actualCodes(ObservationFacts facts) {
    List<List<String>> codes = new ArrayList<>();
    for (CodedValue element : facts.elements()) {
      List<String> elementCodes = new ArrayList<>();
      for (Coding coding : element.codings()) {
        elementCodes.add(coding.system() + "|" + coding.code());
      }
      codes.add(elementCodes);
    }
    return codes;
  }

  private static List<Double> expectedValues(JsonNode observation) {
    List<Double> values = new ArrayList<>();
    values.add(valueOf(observation));
    for (JsonNode component : observation.path("component")) {
      values.add(valueOf(component));
    }
    return values;
  }

  private static Double valueOf(JsonNode element) {
    JsonNode value = element.at("/valueQuantity/value");
    if (value.isNumber()) {
      return value.asDouble();
    }
    JsonNode integer = element.get("valueInteger");
    return integer != null && integer.isNumber() ? integer.asDouble() : null;
  }

  private static List<Double> actualValues(ObservationFacts facts) {
    List<Double> values = new ArrayList<>();
    for (CodedValue element : facts.elements()) {
      values.add(element.value());
    }
    return values;
  }

  private BadRecordException assertReason(String reason, String json) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(bytes(json)));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
