package dev.healthstreams.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferencesTest {

  @ParameterizedTest
  @CsvSource({
    "Patient/123, 123",
    "urn:uuid:41f5a58c-8c6e-d14d-002a-fb227c32f6c5, 41f5a58c-8c6e-d14d-002a-fb227c32f6c5",
    "https://server/fhir/Patient/123/_history/2, 123",
    "https://server/fhir/Patient/abc.1, abc.1"
  })
  void shouldExtractThePatientId(String reference, String expectedId) {
    assertEquals(expectedId, References.patientId(reference));
  }

  @ParameterizedTest
  @CsvSource({
    "Group/1",
    "Patient/",
    "#contained-1",
    "XPatient/1",
    "Patient/1/Observation/2",
    "Patient?identifier=123",
    "urn:uuid:",
    "Patient/a b"
  })
  void shouldGiveNoIdForReferencesToAnythingElse(String reference) {
    assertNull(References.patientId(reference));
  }

  @Test
  void shouldGiveNoIdForNull() {
    assertNull(References.patientId(null));
  }
}
