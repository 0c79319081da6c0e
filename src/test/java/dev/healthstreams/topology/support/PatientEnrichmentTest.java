package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.healthstreams.avro.PatientSummary;
import org.junit.jupiter.api.Test;

class PatientEnrichmentTest {
  record Output(String id, String name, String mrn, String birthDate) {}

  private final PatientEnrichment<Output> enrichment =
      PatientEnrichment.of(
          (output, name, mrn, birthDate) -> new Output(output.id(), name, mrn, birthDate));

  @Test
  void shouldSetThePatientsNameMrnAndBirthDate() {
    PatientSummary patient =
        PatientSummary.newBuilder()
            .setPatientId("p-1")
            .setName("Ada Example")
            .setMrn("MRN-1")
            .setBirthDate("1970-01-02")
            .build();

    Output enriched = enrichment.enrich(new Output("a-1", null, null, null), patient);

    assertEquals(new Output("a-1", "Ada Example", "MRN-1", "1970-01-02"), enriched);
  }

  @Test
  void shouldLeaveTheOutputAsItIsWithoutAPatient() {
    Output output = new Output("a-1", null, null, null);

    assertSame(output, enrichment.enrich(output, null));
  }

  @Test
  void shouldCarryMissingPatientFieldsAsMissing() {
    PatientSummary patient = PatientSummary.newBuilder().setPatientId("p-1").build();

    Output enriched = enrichment.enrich(new Output("a-1", null, null, null), patient);

    assertEquals(new Output("a-1", null, null, null), enriched);
  }
}
