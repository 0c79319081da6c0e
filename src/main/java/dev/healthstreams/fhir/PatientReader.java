package dev.healthstreams.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.serde.BadRecordException;
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATIENT = "Patient";
  private static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final String MEDICAL_RECORD_NUMBER = "MR";

  public PatientFacts read(byte[] json) {
    JsonNode resource = resourceOf(parseTree(json));
    String id = resource.path("id").asText(null);
    JsonNode resourceType = resource.get("resourceType");
    if (resourceType == null || !resourceType.isTextual()) {
      throw new BadRecordException("not-fhir", "record has no resourceType (Patient/" + id + ")");
    }
    if (!resourceType.asText().equals(PATIENT)) {
      throw new BadRecordException("wrong-resource-type", "expected a Patient (id " + id + ")");
    }
    Patient patient = parsePatient(resource, id);
    return new PatientFacts(
        patient.getIdElement().getIdPart(),
        nameOf(patient),
        medicalRecordNumberOf(patient),
        patient.getBirthDateElement().getValueAsString());
  }

  private static JsonNode parseTree(byte[] json) {
    if (json == null || json.length == 0) {
      throw new BadRecordException("not-json", "empty record");
    }
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new BadRecordException("not-fhir", "record is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      // Jackson's message quotes the offending text: keep only the position.
      String where =
          e.getLocation() == null
              ? ""
              : " near line "
                  + e.getLocation().getLineNr()
                  + " column "
                  + e.getLocation().getColumnNr();
      throw new BadRecordException("not-json", "record is not valid JSON" + where);
    } catch (java.io.IOException e) {
      throw new BadRecordException("not-json", "record could not be read");
    }
  }

  private static JsonNode resourceOf(JsonNode root) {
    if (root.has("resourceType") || !root.has("payload")) {
      return root;
    }
    JsonNode payload = root.get("payload");
    if (!payload.isObject()) {
      throw new BadRecordException("not-fhir", "envelope payload is not a JSON object");
    }
    return payload;
  }

  private static Patient parsePatient(JsonNode resource, String id) {
    // Logging off: HAPI's lenient handler logs invalid values verbatim, and they are PHI.
    IParser parser =
        FhirContexts.r4().newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    try {
      return parser.parseResource(Patient.class, JSON.writeValueAsString(resource));
    } catch (DataFormatException | JacksonException e) {
      // HAPI's messages can echo the payload: report the id only.
      throw new BadRecordException("not-fhir", "Patient/" + id + " is not valid FHIR R4");
    }
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
