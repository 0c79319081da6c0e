package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.FhirResources;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Maps an EHR FHIR R4 Patient (parsed with HAPI) to a patient source record of system {@code ehr}.
 * The identifier typed MR (v2-0203) is the EHR's MRN and is given the configured MRN system, so
 * that it compares with the MRN a pharmacy record carries.
 */
public final class EhrPatientMapper {
  private static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";

  private final String mrnSystem;

  public EhrPatientMapper(String mrnSystem) {
    this.mrnSystem = mrnSystem;
  }

  public PatientRecord map(JsonNode document, Long position, Long sourceTimestamp) {
    Patient patient = FhirResources.parse(document, Patient.class);
    String id = patient.getIdElement().getIdPart();
    if (id == null || id.isBlank()) {
      throw new BadRecordException("no-id", "Patient has no id");
    }
    String version = patient.getMeta().getVersionId();
    Long updatedAt =
        patient.getMeta().hasLastUpdated()
            ? Long.valueOf(patient.getMeta().getLastUpdated().getTime())
            : sourceTimestamp;
    Long sequence = position != null ? position : numeric(version);
    if (sequence == null) {
      sequence = updatedAt;
    }
    return new PatientRecord(
        new SourceKey(SourceKey.EHR, id), version, sequence, updatedAt, demographics(patient));
  }

  /** The id of a deleted Patient, from the document a delete event carried. */
  public static String idOf(JsonNode document) {
    return document == null ? null : document.path("id").asText(null);
  }

  private Demographics demographics(Patient patient) {
    HumanName name = officialName(patient);
    List<String> given = new ArrayList<>();
    String family = null;
    if (name != null) {
      for (StringType part : name.getGiven()) {
        if (part.hasValue()) {
          given.add(part.getValue());
        }
      }
      family = name.getFamily();
    }
    return new Demographics(
        family,
        given,
        patient.getBirthDateElement().getValueAsString(),
        patient.hasGender() ? patient.getGender().toCode() : null,
        identifiers(patient),
        address(patient),
        phone(patient));
  }

  private List<Demographics.Identifier> identifiers(Patient patient) {
    List<Demographics.Identifier> identifiers = new ArrayList<>();
    for (Identifier identifier : patient.getIdentifier()) {
      if (!identifier.hasValue()) {
        continue;
      }
      boolean mrn =
          identifier.getType().getCoding().stream()
              .anyMatch(c -> IDENTIFIER_TYPES.equals(c.getSystem()) && "MR".equals(c.getCode()));
      String system = mrn ? mrnSystem : identifier.getSystem();
      if (system != null) {
        identifiers.add(new Demographics.Identifier(system, identifier.getValue()));
      }
    }
    return identifiers;
  }

  private static HumanName officialName(Patient patient) {
    return patient.getName().stream()
        .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
        .findFirst()
        .orElse(patient.getName().isEmpty() ? null : patient.getName().get(0));
  }

  private static Demographics.Address address(Patient patient) {
    if (patient.getAddress().isEmpty()) {
      return null;
    }
    Address address = patient.getAddress().get(0);
    List<String> lines = address.getLine().stream().map(StringType::getValue).toList();
    return new Demographics.Address(
        lines, address.getCity(), address.getState(), address.getPostalCode());
  }

  private static String phone(Patient patient) {
    return patient.getTelecom().stream()
        .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE && t.hasValue())
        .map(ContactPoint::getValue)
        .findFirst()
        .orElse(null);
  }

  private static Long numeric(String version) {
    if (version == null) {
      return null;
    }
    try {
      return Long.parseLong(version.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
