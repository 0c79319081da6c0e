package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** FHIR R4 JSON test data, built as plain JSON so that tests do not depend on HAPI. */
public final class Fixtures {

  public static final String LOINC = "http://loinc.org";
  public static final String UCUM = "http://unitsofmeasure.org";
  public static final String EFFECTIVE = "2024-04-17T10:15:00Z";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static String heartRate(String obsId, String patientId, double bpm) {
    return observation(obsId, patientId, "final", EFFECTIVE, "8867-4", bpm, "/min");
  }

  public static String bodyWeight(String obsId, String patientId, double value, String ucumCode) {
    return observation(obsId, patientId, "final", EFFECTIVE, "29463-7", value, ucumCode);
  }

  /** One Observation coded 85354-9 with systolic (8480-6) and diastolic (8462-4) components. */
  public static String bloodPressure(
      String obsId, String patientId, double systolic, double diastolic) {
    ObjectNode observation = base(obsId, patientId, "final", EFFECTIVE, "85354-9");
    ArrayNode components = observation.putArray("component");
    components.add(component("8480-6", systolic, "mm[Hg]"));
    components.add(component("8462-4", diastolic, "mm[Hg]"));
    return write(observation);
  }

  /**
   * A LOINC-coded Observation with a valueQuantity.
   *
   * @param effective an effectiveDateTime, or null for none
   * @param unit UCUM code of the value, or null for a quantity without one
   */
  public static String observation(
      String obsId,
      String patientId,
      String status,
      String effective,
      String loincCode,
      double value,
      String unit) {
    ObjectNode observation = base(obsId, patientId, status, effective, loincCode);
    observation.set("valueQuantity", quantity(value, unit));
    return write(observation);
  }

  /** An Observation with {@code valueInteger}, e.g. a pain score. */
  public static String integerObservation(
      String obsId, String patientId, String loincCode, int value) {
    ObjectNode observation = base(obsId, patientId, "final", EFFECTIVE, loincCode);
    observation.put("valueInteger", value);
    return write(observation);
  }

  /** An Observation without a numeric value (as Synthea's survey answers are). */
  public static String codedOnly(String obsId, String patientId, String loincCode) {
    ObjectNode observation = base(obsId, patientId, "final", EFFECTIVE, loincCode);
    observation.putObject("valueCodeableConcept").put("text", "Never smoker");
    return write(observation);
  }

  public static String patient(
      String id, String given, String family, String mrn, String birthDate) {
    ObjectNode patient = JSON.createObjectNode();
    patient.put("resourceType", "Patient");
    patient.put("id", id);
    ArrayNode identifiers = patient.putArray("identifier");
    identifiers.addObject().put("system", "https://example.org/synthea").put("value", id);
    ObjectNode mrnIdentifier = identifiers.addObject();
    mrnIdentifier
        .putObject("type")
        .putArray("coding")
        .addObject()
        .put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
        .put("code", "MR");
    mrnIdentifier.put("system", "http://hospital.example.org").put("value", mrn);
    ObjectNode name = patient.putArray("name").addObject();
    name.put("use", "official").put("family", family);
    name.putArray("given").add(given);
    patient.put("birthDate", birthDate);
    return write(patient);
  }

  /** {@code resourceJson} wrapped in the platform envelope, metadata first. */
  public static String enveloped(String resourceJson, String correlationId) {
    return envelope(resourceJson, correlationId, true);
  }

  /** The envelope with its payload before its metadata: readers must accept any key order. */
  public static String envelopedPayloadFirst(String resourceJson, String correlationId) {
    return envelope(resourceJson, correlationId, false);
  }

  /** Replaces a top-level field of a JSON object, e.g. to make an invalid value. */
  public static String withField(String json, String field, Object value) {
    ObjectNode node = parse(json);
    node.set(field, JSON.valueToTree(value));
    return write(node);
  }

  /** Appends a LOINC-coded component with a valueQuantity to an Observation. */
  public static String withComponent(String json, String loincCode, double value, String unit) {
    ObjectNode node = parse(json);
    ArrayNode components =
        node.has("component") ? (ArrayNode) node.get("component") : node.putArray("component");
    components.add(component(loincCode, value, unit));
    return write(node);
  }

  /** Replaces valueQuantity.value, e.g. with a string to make an unparsable value. */
  public static String withQuantityValue(String json, Object value) {
    ObjectNode node = parse(json);
    ((ObjectNode) node.get("valueQuantity")).set("value", JSON.valueToTree(value));
    return write(node);
  }

  public static String withoutField(String json, String field) {
    ObjectNode node = parse(json);
    node.remove(field);
    return write(node);
  }

  public static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String envelope(String resourceJson, String correlationId, boolean metadataFirst) {
    ObjectNode envelope = JSON.createObjectNode();
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("eventId", "evt-1").put("correlationId", correlationId).put("source", "ehr");
    if (metadataFirst) {
      envelope.set("metadata", metadata);
      envelope.set("payload", parse(resourceJson));
    } else {
      envelope.set("payload", parse(resourceJson));
      envelope.set("metadata", metadata);
    }
    return write(envelope);
  }

  private static ObjectNode base(
      String obsId, String patientId, String status, String effective, String loincCode) {
    ObjectNode observation = JSON.createObjectNode();
    observation.put("resourceType", "Observation");
    observation.put("id", obsId);
    observation.put("status", status);
    observation
        .putArray("category")
        .addObject()
        .putArray("coding")
        .addObject()
        .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
        .put("code", "vital-signs");
    observation.set("code", codeableConcept(loincCode));
    observation.putObject("subject").put("reference", "Patient/" + patientId);
    if (effective != null) {
      observation.put("effectiveDateTime", effective);
    }
    return observation;
  }

  private static ObjectNode component(String loincCode, double value, String unit) {
    ObjectNode component = JSON.createObjectNode();
    component.set("code", codeableConcept(loincCode));
    component.set("valueQuantity", quantity(value, unit));
    return component;
  }

  private static ObjectNode codeableConcept(String loincCode) {
    ObjectNode concept = JSON.createObjectNode();
    concept
        .putArray("coding")
        .addObject()
        .put("system", LOINC)
        .put("code", loincCode)
        .put("display", "LOINC " + loincCode);
    return concept;
  }

  private static ObjectNode quantity(double value, String unit) {
    ObjectNode quantity = JSON.createObjectNode();
    quantity.put("value", value);
    if (unit != null) {
      quantity.put("unit", unit).put("system", UCUM).put("code", unit);
    }
    return quantity;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- medication-interaction

  public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  public static final String AUTHORED = "2024-04-17T10:15:00+00:00";

  /** A MedicationRequest naming its drug by an RxNorm medicationCodeableConcept. */
  public static String medicationRequest(
      String requestId, String patientId, String status, String rxnormCode, String display) {
    ObjectNode request = medicationRequestBase(requestId, patientId, status);
    request.set("medicationCodeableConcept", rxnormConcept(rxnormCode, display));
    return write(request);
  }

  /**
   * A MedicationRequest naming its drug by a reference, e.g. "Medication/abc" (as Synthea does).
   */
  public static String medicationRequestByReference(
      String requestId, String patientId, String status, String reference) {
    ObjectNode request = medicationRequestBase(requestId, patientId, status);
    request.putObject("medicationReference").put("reference", reference);
    return write(request);
  }

  /**
   * A MedicationRequest whose drug is a contained Medication {@code containedId}, referenced as
   * "#containedId", after a contained Patient-unrelated resource (a Provenance) to skip.
   */
  public static String medicationRequestWithContained(
      String requestId,
      String patientId,
      String status,
      String containedId,
      String rxnormCode,
      String display) {
    ObjectNode request = medicationRequestBase(requestId, patientId, status);
    ArrayNode contained = request.putArray("contained");
    contained.addObject().put("resourceType", "Provenance").put("id", containedId + "-prov");
    ObjectNode medication = contained.addObject();
    medication.put("resourceType", "Medication").put("id", containedId);
    medication.set("code", rxnormConcept(rxnormCode, display));
    request.putObject("medicationReference").put("reference", "#" + containedId);
    return write(request);
  }

  /** A Medication resource coded in RxNorm. */
  public static String medication(String medicationId, String rxnormCode, String display) {
    ObjectNode medication = JSON.createObjectNode();
    medication.put("resourceType", "Medication");
    medication.put("id", medicationId);
    medication.set("code", rxnormConcept(rxnormCode, display));
    medication.put("status", "active");
    return write(medication);
  }

  private static ObjectNode medicationRequestBase(
      String requestId, String patientId, String status) {
    ObjectNode request = JSON.createObjectNode();
    request.put("resourceType", "MedicationRequest");
    request.put("id", requestId);
    request.put("status", status);
    request.put("intent", "order");
    request.putObject("subject").put("reference", "Patient/" + patientId);
    request.put("authoredOn", AUTHORED);
    request.putArray("dosageInstruction").addObject().put("text", "Take as needed.");
    return request;
  }

  private static ObjectNode rxnormConcept(String code, String display) {
    ObjectNode concept = JSON.createObjectNode();
    concept
        .putArray("coding")
        .addObject()
        .put("system", RXNORM)
        .put("code", code)
        .put("display", display);
    concept.put("text", display);
    return concept;
  }
}
