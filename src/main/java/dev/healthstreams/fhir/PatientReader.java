package dev.healthstreams.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads what outputs are enriched with from a FHIR R4 Patient, bare or in the platform envelope.
 * Patients are few next to Observations, so a full HAPI parse is affordable here. Thread-safe: a
 * HAPI parser is made per call, since parsers are not thread-safe and are cheap to create.
 */
public final class PatientReader {

  private static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final String MEDICAL_RECORD_NUMBER = "MR";

  public PatientFacts read(byte[] json) {
    Patient patient = FhirResources.parse(json, Patient.class);
    return new PatientFacts(
        patient.getIdElement().getIdPart(),
        nameOf(patient),
        medicalRecordNumberOf(patient),
        patient.getBirthDateElement().getValueAsString());
  }

  /** The official name, else the first: given names then family, joined with spaces. */
  private static String nameOf(Patient patient) {
    List<HumanName> names = patient.getName();
    if (names.isEmpty()) {
      return null;
    }
    HumanName chosen =
        names.stream()
            .filter(name -> name.getUse() == HumanName.NameUse.OFFICIAL)
            .findFirst()
            .orElse(names.get(0));
    List<String> parts = new ArrayList<>();
    for (StringType given : chosen.getGiven()) {
      if (given.hasValue()) {
        parts.add(given.getValue());
      }
    }
    if (chosen.hasFamily()) {
      parts.add(chosen.getFamily());
    }
    if (parts.isEmpty()) {
      return chosen.hasText() ? chosen.getText() : null;
    }
    return String.join(" ", parts);
  }

  private static String medicalRecordNumberOf(Patient patient) {
    for (Identifier identifier : patient.getIdentifier()) {
      for (Coding coding : identifier.getType().getCoding()) {
        if (IDENTIFIER_TYPES.equals(coding.getSystem())
            && MEDICAL_RECORD_NUMBER.equals(coding.getCode())) {
          return identifier.getValue();
        }
      }
    }
    return null;
  }
}
