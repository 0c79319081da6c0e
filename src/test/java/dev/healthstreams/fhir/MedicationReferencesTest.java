package dev.healthstreams.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MedicationReferencesTest {

  @ParameterizedTest
  @CsvSource({
    "Medication/abc-1, abc-1",
    "https://fhir.example.org/r4/Medication/abc-1, abc-1",
    "Medication/abc-1/_history/3, abc-1"
  })
  void shouldTakeTheIdOfAMedicationReference(String reference, String id) {
    assertEquals(id, MedicationReferences.medicationId(reference));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"#med1", "Patient/1", "XMedication/1", "Medication/", "Medication/a b"})
  void shouldGiveNoIdForOtherReferences(String reference) {
    assertNull(MedicationReferences.medicationId(reference));
  }

  @Test
  void shouldTakeIdsOfUpTo64CharactersOfTheFhirIdAlphabet() {
    String longest = "aZ9.-".repeat(12) + "abcd";
    assertEquals(longest, MedicationReferences.medicationId("Medication/" + longest));
    assertNull(MedicationReferences.medicationId("Medication/" + longest + "e"));
    assertNull(MedicationReferences.medicationId("Medication/a_b"));
  }

  @Test
  void shouldTellAContainedReference() {
    assertTrue(MedicationReferences.isContained("#med1"));
    assertFalse(MedicationReferences.isContained("Medication/med1"));
    assertFalse(MedicationReferences.isContained(null));
  }
}
