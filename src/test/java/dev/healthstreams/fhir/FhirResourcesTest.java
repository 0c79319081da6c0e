package dev.healthstreams.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class FhirResourcesTest {

  private static Patient read(String json) {
    return FhirResources.parse(json.getBytes(StandardCharsets.UTF_8), Patient.class);
  }

  @Test
  void shouldReadABarePatient() {
    Patient patient = read(Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));

    assertEquals("p1", patient.getIdElement().getIdPart());
    assertEquals("Lovelace", patient.getNameFirstRep().getFamily());
    assertEquals("1815-12-10", patient.getBirthDateElement().getValueAsString());
  }

  @Test
  void shouldReadAnEnvelopedPatient() {
    String bare = Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10");

    assertEquals("p1", read(Fixtures.enveloped(bare, "corr-1")).getIdElement().getIdPart());
  }

  @Test
  void shouldWriteWhatItReads() {
    Patient patient = read(Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));

    byte[] written = FhirResources.encode(patient);

    Patient again = FhirResources.parse(written, Patient.class);
    assertEquals("Lovelace", again.getNameFirstRep().getFamily());
    assertEquals(
        List.of("MRN-1"),
        again.getIdentifier().stream().map(Identifier::getValue).filter("MRN-1"::equals).toList());
  }

  /**
   * The narrative is not read: a Synthea-style one, or one that is no XHTML at all, leaves the
   * structured fields as they are, and the caller's document keeps it.
   */
  @Test
  void shouldReadAPatientWithoutItsNarrative() throws Exception {
    ObjectNode document =
        (ObjectNode)
            new ObjectMapper()
                .readTree(Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));
    document.putObject("text").put("status", "generated").put("div", "<div>unclosed &nbsp; <b>");

    Patient fromBytes = read(document.toString());
    Patient fromTree = FhirResources.parse(document, Patient.class);

    for (Patient patient : List.of(fromBytes, fromTree)) {
      assertFalse(patient.hasText(), "no narrative read");
      assertEquals("Lovelace", patient.getNameFirstRep().getFamily());
      assertEquals("1815-12-10", patient.getBirthDateElement().getValueAsString());
    }
    assertTrue(document.has("text"), "the document is left as it was");
  }

  @Test
  void shouldRejectBadRecordsWithReasonsAndNoPayloadInTheMessage() {
    BadRecordException notJson =
        assertThrows(BadRecordException.class, () -> read("{\"secret\": "));
    assertEquals("not-json", notJson.reason());
    assertFalse(notJson.getMessage().contains("secret"));

    assertEquals(
        "wrong-resource-type",
        assertThrows(BadRecordException.class, () -> read(Fixtures.heartRate("o1", "p1", 80)))
            .reason());
    assertEquals(
        "not-fhir",
        assertThrows(BadRecordException.class, () -> read("{\"name\": \"Ada\"}")).reason());
  }
}
