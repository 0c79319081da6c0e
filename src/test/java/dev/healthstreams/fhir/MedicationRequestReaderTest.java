package dev.healthstreams.fhir;

import static dev.healthstreams.fhir.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.serde.BadRecordException;
import dev.healthstreams.testkit.Synthea;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MedicationRequestReaderTest {

  private static final String NAPROXEN = "Naproxen sodium 220 MG Oral Tablet";

  private final MedicationRequestReader reader = new MedicationRequestReader();

  @Test
  void shouldReadADrugFromAMedicationCodeableConcept() {
    String json = Fixtures.medicationRequest("req-1", "pat-1", "active", "849574", NAPROXEN);

    MedicationRequestFacts facts = reader.read(bytes(json));

    assertEquals("req-1", facts.id());
    assertEquals("active", facts.status());
    assertEquals("Patient/pat-1", facts.subjectReference());
    assertEquals(new DrugCode(Fixtures.RXNORM, "849574", NAPROXEN), facts.drug());
    assertNull(facts.medicationReference());
    assertNull(facts.correlationId());
  }

  @Test
  void shouldLeaveAMedicationResourceReferenceForTheCallerToResolve() {
    String json =
        Fixtures.medicationRequestByReference("req-2", "pat-1", "stopped", "Medication/med-9");

    MedicationRequestFacts facts = reader.read(bytes(json));

    assertNull(facts.drug());
    assertEquals("Medication/med-9", facts.medicationReference());
    assertEquals("med-9", MedicationReferences.medicationId(facts.medicationReference()));
    assertEquals("stopped", facts.status());
  }

  @Test
  void shouldResolveAContainedMedicationAndKeepTheReference() {
    String json =
        Fixtures.medicationRequestWithContained(
            "req-3", "pat-1", "active", "med1", "855332", "Warfarin Sodium 5 MG Oral Tablet");

    MedicationRequestFacts facts = reader.read(bytes(json));

    assertEquals(
        new DrugCode(Fixtures.RXNORM, "855332", "Warfarin Sodium 5 MG Oral Tablet"), facts.drug());
    assertEquals("#med1", facts.medicationReference());
  }

  @Test
  void shouldResolveAContainedMedicationListedAfterTheReference() {
    String contained =
        Fixtures.medicationRequestWithContained(
            "req-4", "pat-1", "active", "m", "855332", "Warfarin");
    // Move `contained` to the end of the object: readers must accept any key order.
    String json =
        Fixtures.withField(
            Fixtures.withoutField(contained, "contained"),
            "contained",
            fieldOf(contained, "contained"));

    assertTrue(json.indexOf("\"contained\"") > json.indexOf("\"medicationReference\""));
    assertEquals("855332", reader.read(bytes(json)).drug().code());
  }

  @Test
  void shouldPreferTheRxNormCodingOverAnEarlierCodingOfAnotherSystem() {
    String json =
        Fixtures.withField(
            Fixtures.medicationRequest("req-5", "pat-1", "active", "849574", NAPROXEN),
            "medicationCodeableConcept",
            Map.of(
                "coding",
                List.of(
                    Map.of("system", "http://hl7.org/fhir/sid/ndc", "code", "0536-1234"),
                    Map.of("system", Fixtures.RXNORM, "code", "849574", "display", NAPROXEN))));

    assertEquals(
        new DrugCode(Fixtures.RXNORM, "849574", NAPROXEN), reader.read(bytes(json)).drug());
  }

  @Test
  void shouldFallBackToTheFirstCodingWithoutRxNorm() {
    String json =
        Fixtures.withField(
            Fixtures.medicationRequest("req-6", "pat-1", "active", "849574", NAPROXEN),
            "medicationCodeableConcept",
            Map.of(
                "coding",
                List.of(
                    Map.of("system", "http://hl7.org/fhir/sid/ndc", "code", "0536-1234"),
                    Map.of("system", "http://snomed.info/sct", "code", "1"))));

    DrugCode drug = reader.read(bytes(json)).drug();

    assertEquals(new DrugCode("http://hl7.org/fhir/sid/ndc", "0536-1234", null), drug);
    assertFalse(drug.isRxNorm());
    assertEquals("http://hl7.org/fhir/sid/ndc|0536-1234", drug.matchKey());
  }

  @Test
  void shouldReadAnEnvelopeInEitherKeyOrder() {
    String request = Fixtures.medicationRequest("req-7", "pat-2", "on-hold", "849574", NAPROXEN);

    MedicationRequestFacts first = reader.read(bytes(Fixtures.enveloped(request, "corr-1")));
    MedicationRequestFacts last =
        reader.read(bytes(Fixtures.envelopedPayloadFirst(request, "corr-2")));

    assertEquals("req-7", first.id());
    assertEquals("corr-1", first.correlationId());
    assertEquals("on-hold", first.status());
    assertEquals("849574", first.drug().code());
    assertEquals("corr-2", last.correlationId());
    assertEquals("Patient/pat-2", last.subjectReference());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"{\"resourceType\": \"MedicationReq", "abc", "{\"id\": }", "''"})
  void shouldRejectInvalidJsonAsNotJson(String text) {
    assertReason("not-json", text == null ? "" : text);
  }

  @Test
  void shouldRejectJsonWithoutResourceTypeAsNotFhir() {
    String json =
        Fixtures.withoutField(
            Fixtures.medicationRequest("req-8", "pat-1", "active", "849574", NAPROXEN),
            "resourceType");

    assertReason("not-fhir", json);
    assertReason("not-fhir", "[1, 2]");
    assertReason("not-fhir", Fixtures.enveloped(json, "corr-1"));
  }

  @Test
  void shouldRejectOtherResourcesAsWrongResourceTypeWithoutEchoingThem() {
    String patient = Fixtures.patient("pat-1", "Ann", "Secret", "mrn-1", "1970-01-01");

    BadRecordException e = assertReason("wrong-resource-type", patient);
    assertFalse(e.getMessage().contains("Secret"));
    assertReason("wrong-resource-type", Fixtures.medication("med-1", "849574", NAPROXEN));
  }

  @Test
  void shouldRejectAReferenceToAMissingContainedMedication() {
    String json = Fixtures.medicationRequestByReference("req-9", "pat-1", "active", "#not-there");

    BadRecordException e = assertReason("unresolved-contained-medication", json);
    assertTrue(e.getMessage().contains("req-9"));
  }

  @Test
  void shouldNotResolveAContainedResourceOfAnotherType() {
    String json =
        Fixtures.medicationRequestWithContained("req-10", "pat-1", "active", "m", "1", "x")
            .replace("\"reference\":\"#m\"", "\"reference\":\"#m-prov\"");

    assertReason("unresolved-contained-medication", json);
  }

  @Test
  void shouldReadTheFirstSyntheaRequestsAsJacksonSeesThem() throws Exception {
    Path exported = Synthea.file("MedicationRequest.ndjson.gz");
    ObjectMapper mapper = new ObjectMapper();
    int checked = 0;
    int byConcept = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(exported)), StandardCharsets.UTF_8))) {
      String line;
      while (checked < 500 && (line = lines.readLine()) != null) {
        JsonNode expected = mapper.readTree(line);
        MedicationRequestFacts facts = reader.read(bytes(line));

        assertEquals(expected.get("id").asText(), facts.id());
        assertEquals(expected.get("status").asText(), facts.status());
        assertEquals(expected.at("/subject/reference").asText(), facts.subjectReference());
        JsonNode coding = expected.at("/medicationCodeableConcept/coding/0");
        if (coding.isMissingNode()) {
          assertNull(facts.drug(), facts.id());
          assertEquals(
              expected.at("/medicationReference/reference").asText(), facts.medicationReference());
        } else {
          byConcept++;
          assertEquals(coding.get("code").asText(), facts.drug().code(), facts.id());
          assertEquals(coding.get("system").asText(), facts.drug().system());
          assertEquals(coding.get("display").asText(), facts.drug().display());
          assertNull(facts.medicationReference());
        }
        checked++;
      }
    }
    assertEquals(500, checked);
    assertTrue(byConcept > 0 && byConcept < 500, "sample mixes concepts and references");
  }

  private static Object fieldOf(String json, String field) {
    try {
      return new ObjectMapper().readValue(json, Map.class).get(field);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private BadRecordException assertReason(String reason, String json) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(bytes(json)));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
