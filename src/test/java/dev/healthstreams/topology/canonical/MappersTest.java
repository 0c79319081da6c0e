package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappersTest {
  private static final String MRN = SyncFixtures.MRN_SYSTEM;

  @Test
  void shouldMapAnEhrPatientWithItsMrnUnderTheConfiguredSystem() {
    ObjectNode json =
        SyncFixtures.ehrPatient(
            "p1", "3", "2024-01-02T03:04:05Z", "Ann", "Lee", "1980-02-29", "female", "M-1");
    PatientRecord record = new EhrPatientMapper(MRN).map(json, null, null);
    assertEquals(new SourceKey("ehr", "p1"), record.source());
    assertEquals("3", record.version());
    assertEquals(3L, record.sequence(), "a numeric versionId orders versions");
    assertEquals(Instant.parse("2024-01-02T03:04:05Z").toEpochMilli(), record.updatedAt());
    Demographics d = record.demographics();
    assertEquals("Lee", d.family());
    assertEquals(List.of("Ann"), d.given());
    assertEquals("1980-02-29", d.birthDate());
    assertEquals("female", d.gender());
    assertEquals(List.of(new Demographics.Identifier(MRN, "M-1")), d.identifiers());
    assertEquals("555-0100", d.telecom());
    assertEquals(
        new Demographics.Address(List.of("1 Main St"), "Boston", "MA", "02115"), d.address());
  }

  @Test
  void shouldMapAnEhrPatientWithoutReadingItsNarrative() {
    ObjectNode json =
        SyncFixtures.ehrPatient("p1", "3", null, "Ann", "Lee", "1980-02-29", "female", "M-1");
    json.putObject("text").put("status", "generated").put("div", "<div>unclosed <b>Ann</div>");

    PatientRecord record = new EhrPatientMapper(MRN).map(json, null, null);

    assertEquals("Lee", record.demographics().family());
    assertTrue(json.has("text"), "the document itself is left as it came");
  }

  @Test
  void shouldOrderByCdcPositionAndTakeTheCommitTimeWithoutLastUpdated() {
    ObjectNode json =
        SyncFixtures.ehrPatient("p1", "3", null, "Ann", "Lee", "1980-01-01", null, null);
    PatientRecord record = new EhrPatientMapper(MRN).map(json, 900L, 1234L);
    assertEquals(900L, record.sequence());
    assertEquals(1234L, record.updatedAt());
  }

  @Test
  void shouldMapAPrescriptionAndThePharmacyPatientItCarries() {
    ObjectNode json =
        SyncFixtures.prescription(
            "rx1", 2, "2024-03-01T10:00:00Z", "ph9", "Bob", "Lee", "07/04/1975", "M", "M-9");
    PharmacyPrescriptionMapper.Mapped mapped =
        new PharmacyPrescriptionMapper(MRN).map(json, null, null);
    PrescriptionRecord rx = mapped.prescription();
    assertEquals("rx1", rx.rxId());
    assertEquals(2, rx.version());
    assertEquals(2L, rx.sequence());
    assertEquals("ph9", rx.pharmacyPatientId());
    assertEquals("Amlodipine 5 MG", rx.drugName());
    assertEquals(30.0, rx.quantity());
    assertEquals(SyncFixtures.NPI, rx.prescriberNpi());
    assertEquals("active", rx.status());
    PatientRecord patient = mapped.patient();
    assertEquals(new SourceKey("pharmacy", "ph9"), patient.source());
    long updated = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();
    assertEquals(updated, patient.updatedAt());
    assertEquals(
        updated, patient.sequence(), "the patient record is ordered by the rx update time");
    Demographics d = patient.demographics();
    assertEquals("1975-07-04", d.birthDate(), "MM/dd/yyyy to ISO");
    assertEquals("male", d.gender());
    assertEquals(List.of(new Demographics.Identifier(MRN, "M-9")), d.identifiers());
    assertEquals(List.of("Bob"), d.given());
    assertEquals("02115", d.address().postalCode());
  }

  @Test
  void shouldMapSexCodesAndKeepUnreadableDatesForTheValidator() {
    assertEquals("female", PharmacyPrescriptionMapper.gender("F"));
    assertEquals("unknown", PharmacyPrescriptionMapper.gender("u"));
    assertEquals("x", PharmacyPrescriptionMapper.gender("X"));
    assertEquals("2001-12-31", PharmacyPrescriptionMapper.isoDate("12/31/2001"));
    assertEquals("02/30/2001", PharmacyPrescriptionMapper.isoDate("02/30/2001"), "not a real date");
    assertEquals("2001-12-31", PharmacyPrescriptionMapper.isoDate("2001-12-31"), "kept as written");
  }

  @Test
  void shouldRefuseAPrescriptionWithoutItsIds() {
    ObjectNode json =
        SyncFixtures.prescription(
            "rx1", 1, "2024-03-01T10:00:00Z", "ph9", "A", "B", "01/01/1990", "F", null);
    json.remove("rxId");
    PharmacyPrescriptionMapper mapper = new PharmacyPrescriptionMapper(MRN);
    assertEquals(
        "no-id",
        assertThrows(BadRecordException.class, () -> mapper.map(json, null, null)).reason());
    ObjectNode noVersion =
        SyncFixtures.prescription(
            "rx1", 1, "2024-03-01T10:00:00Z", "ph9", "A", "B", "01/01/1990", "F", null);
    noVersion.put("version", "one");
    assertThrows(BadRecordException.class, () -> mapper.map(noVersion, null, null));
  }

  @Test
  void shouldMapAnObservationWithItsPatient() {
    ObservationRecord o =
        new ObservationMapper()
            .map(SyncFixtures.observation("o1", "p1", "final", "2024-01-01T08:00:00Z"), 77L);
    assertEquals("o1", o.id());
    assertEquals("p1", o.subjectPatientId());
    assertEquals(new SourceKey("ehr", "p1"), o.patientSource());
    assertEquals("final", o.status());
    assertEquals("http://loinc.org|8867-4", o.code());
    assertEquals(72.0, o.value());
    assertEquals(77L, o.sequence());
  }

  @Test
  void shouldRefuseAPatientOnTheObservationMapper() {
    ObjectNode patient =
        SyncFixtures.ehrPatient("p1", "1", null, "A", "B", "1990-01-01", null, null);
    assertEquals(
        "wrong-resource-type",
        assertThrows(BadRecordException.class, () -> new ObservationMapper().map(patient, null))
            .reason());
  }

  @Test
  void shouldMapAPatientWithoutNameOrMeta() {
    ObjectNode json =
        SyncFixtures.ehrPatient("e1", "1", null, null, null, "2030-02-01", "male", null);
    PatientRecord record = new EhrPatientMapper(MRN).map(json, null, null);
    assertEquals(null, record.demographics().family());
    assertEquals(List.of(), record.demographics().given());
  }
}
