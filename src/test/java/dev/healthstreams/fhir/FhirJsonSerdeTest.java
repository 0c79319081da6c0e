package dev.healthstreams.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.serde.BadRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class FhirJsonSerdeTest {
  private final Serde<Patient> serde = FhirJsonSerde.of(Patient.class);

  private Patient read(String json) {
    return serde.deserializer().deserialize("fhir.patient", json.getBytes(StandardCharsets.UTF_8));
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

    byte[] written = serde.serializer().serialize("fhir.patient", patient);

    Patient again = serde.deserializer().deserialize("fhir.patient", written);
    assertEquals("Lovelace", again.getNameFirstRep().getFamily());
    assertEquals(
        java.util.List.of("MRN-1"),
        again.getIdentifier().stream()
            .map(org.hl7.fhir.r4.model.Identifier::getValue)
            .filter("MRN-1"::equals)
            .toList());
  }

  @Test
  void shouldPassTombstonesThrough() {
    assertNull(serde.deserializer().deserialize("fhir.patient", null));
    assertNull(serde.serializer().serialize("fhir.patient", null));
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
