package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final Validator validator = new Validator();

  private static List<String> codes(List<Violation> violations) {
    return violations.stream().map(Violation::code).toList();
  }

  private static PrescriptionRecord rx(
      String drug, Double quantity, String status, String npi, String updatedAt) {
    return new PrescriptionRecord(
        "rx1",
        1,
        1L,
        PharmacyPrescriptionMapper.instant(updatedAt),
        updatedAt,
        "ph1",
        null,
        null,
        drug,
        "sig",
        quantity,
        30,
        0,
        npi,
        "Dr",
        status);
  }

  @Test
  void shouldAcceptAValidPatient() {
    assertEquals(
        List.of(), validator.patient(SyncFixtures.person("Ann", "Lee", "1980-02-29"), NOW));
  }

  @Test
  void shouldReportEveryFailedPatientRuleWithoutValues() {
    Demographics nothing = new Demographics(null, List.of(), null, "x", List.of(), null, null);
    List<Violation> violations = validator.patient(nothing, NOW);
    assertEquals(
        List.of("NAME_MISSING", "BIRTH_DATE_MISSING", "GENDER_UNKNOWN"), codes(violations));
    assertEquals(
        List.of("name", "birthDate", "gender"), violations.stream().map(Violation::field).toList());
    assertTrue(violations.stream().noneMatch(v -> v.message().contains("x")));
  }

  @Test
  void shouldRequireRealPastBirthDates() {
    assertEquals(
        List.of("BIRTH_DATE_INVALID"),
        codes(validator.patient(SyncFixtures.person("A", "B", "1981-02-29"), NOW)));
    assertEquals(
        List.of("BIRTH_DATE_INVALID"),
        codes(validator.patient(SyncFixtures.person("A", "B", "03/04/1981"), NOW)));
    assertEquals(
        List.of("BIRTH_DATE_FUTURE"),
        codes(validator.patient(SyncFixtures.person("A", "B", "2024-06-02"), NOW)));
    assertEquals(
        List.of(),
        codes(validator.patient(SyncFixtures.person(null, "B", "2024-06-01"), NOW)),
        "a family name is enough");
  }

  @Test
  void shouldCheckTheNpiWithLuhnOverThe80840Prefix() {
    // CMS's example: 123456789 -> check digit 3.
    assertTrue(Validator.validNpi("1234567893"));
    assertFalse(Validator.validNpi("1234567890"));
    assertFalse(Validator.validNpi("123456789"));
    assertFalse(Validator.validNpi("12345678a3"));
    // A second one computed by hand: 80840 1245319599 -> digits sum to a multiple of 10.
    assertTrue(Validator.validNpi("1245319599"));
  }

  @Test
  void shouldReportEveryFailedPrescriptionRule() {
    assertEquals(
        List.of(),
        validator.prescription(
            rx("Drug", 30.0, "on-hold", SyncFixtures.NPI, "2024-01-01T00:00:00Z"), NOW));
    assertEquals(
        List.of(
            "DRUG_MISSING",
            "QUANTITY_NOT_POSITIVE",
            "STATUS_UNKNOWN",
            "NPI_INVALID",
            "UPDATED_AT_FUTURE"),
        codes(
            validator.prescription(
                rx(null, 0.0, "paused", "1234567890", "2025-01-01T00:00:00Z"), NOW)));
    assertEquals(
        List.of("QUANTITY_NOT_POSITIVE", "NPI_MISSING", "UPDATED_AT_INVALID"),
        codes(validator.prescription(rx("Drug", null, "active", null, "yesterday"), NOW)));
  }

  @Test
  void shouldCheckObservations() {
    ObservationRecord good =
        new ObservationRecord(
            "o1",
            "1",
            1L,
            "p1",
            "final",
            "http://loinc.org|1",
            null,
            1.0,
            null,
            "2024-01-01T00:00:00Z");
    assertEquals(List.of(), validator.observation(good, NOW));
    ObservationRecord bad =
        new ObservationRecord(
            "o1", "1", 1L, null, "done", null, null, 1.0, null, "2030-01-01T00:00:00Z");
    assertEquals(
        List.of("SUBJECT_MISSING", "STATUS_UNKNOWN", "CODE_MISSING", "EFFECTIVE_FUTURE"),
        codes(validator.observation(bad, NOW)));
  }
}
