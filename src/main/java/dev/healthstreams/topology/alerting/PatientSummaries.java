package dev.healthstreams.topology.alerting;

import dev.healthstreams.avro.PatientSummary;
import dev.healthstreams.fhir.PatientFacts;
import dev.healthstreams.fhir.PatientReader;
import dev.healthstreams.serde.BadRecordException;

/** FHIR Patient JSON to the summary the patient table keeps; a tombstone deletes the patient. */
final class PatientSummaries {
  private final PatientReader reader = new PatientReader();

  PatientSummary fromFhir(String key, byte[] json) {
    if (key == null) {
      throw new BadRecordException("no-key", "Patient record has no key");
    }
    if (json == null) {
      return null;
    }
    PatientFacts patient = reader.read(json);
    return PatientSummary.newBuilder()
        .setPatientId(key)
        .setName(patient.name())
        .setMrn(patient.mrn())
        .setBirthDate(patient.birthDate())
        .build();
  }
}
