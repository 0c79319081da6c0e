package dev.healthstreams.topology.interaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * FHIR R4 MedicationRequest and Medication JSON for the topology tests, built as plain JSON. Drugs
 * are RxNorm codes of the test knowledge file (src/test/resources/interaction/knowledge.yaml).
 */
final class MedicationFixtures {
  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String NDC = "http://hl7.org/fhir/sid/ndc";

  // RxNorm codes of the test knowledge file, with display names.
  static final String WARFARIN = "11289";
  static final String WARFARIN_5MG = "855332";
  static final String IBUPROFEN = "5640";
  static final String IBUPROFEN_400MG = "197806";
  static final String NAPROXEN = "7258";
  static final String SERTRALINE = "36437";
  static final String SUMATRIPTAN = "37418";
  // In no group of the knowledge file.
  static final String ACETAMINOPHEN = "161";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MedicationFixtures() {}

  static String display(String rxnorm) {
    return switch (rxnorm) {
      case WARFARIN -> "warfarin";
      case WARFARIN_5MG -> "warfarin sodium 5 MG Oral Tablet";
      case IBUPROFEN -> "ibuprofen";
      case IBUPROFEN_400MG -> "ibuprofen 400 MG Oral Tablet";
      case NAPROXEN -> "naproxen";
      case SERTRALINE -> "sertraline";
      case SUMATRIPTAN -> "sumatriptan";
      case ACETAMINOPHEN -> "acetaminophen";
      default -> "drug " + rxnorm;
    };
  }

  /** A request naming its drug with medicationCodeableConcept (one RxNorm coding). */
  static String request(String id, String patientId, String status, String rxnorm) {
    ObjectNode request = base(id, patientId, status);
    request.set("medicationCodeableConcept", concept(RXNORM, rxnorm, display(rxnorm)));
    return write(request);
  }

  /** A request whose concept lists an NDC coding before its RxNorm one. */
  static String requestNdcFirst(String id, String patientId, String status, String rxnorm) {
    ObjectNode request = base(id, patientId, status);
    ObjectNode concept = JSON.createObjectNode();
    ArrayNode codings = concept.putArray("coding");
    codings.addObject().put("system", NDC).put("code", "00904-5853-61").put("display", "NDC");
    codings.addObject().put("system", RXNORM).put("code", rxnorm).put("display", display(rxnorm));
    request.set("medicationCodeableConcept", concept);
    return write(request);
  }

  /** A request naming its drug with {@code medicationReference: Medication/<medicationId>}. */
  static String requestByReference(
      String id, String patientId, String status, String medicationId) {
    ObjectNode request = base(id, patientId, status);
    request.putObject("medicationReference").put("reference", "Medication/" + medicationId);
    return write(request);
  }

  /** A request with a contained Medication {@code containedId}, referenced as "#containedId". */
  static String requestWithContained(
      String id, String patientId, String status, String containedId, String rxnorm) {
    ObjectNode request = JSON.createObjectNode();
    request.put("resourceType", "MedicationRequest");
    request.put("id", id);
    ObjectNode contained = request.putArray("contained").addObject();
    contained.put("resourceType", "Medication");
    contained.put("id", containedId);
    contained.set("code", concept(RXNORM, rxnorm, display(rxnorm)));
    request.put("status", status);
    request.put("intent", "order");
    request.putObject("medicationReference").put("reference", "#" + containedId);
    request.putObject("subject").put("reference", "Patient/" + patientId);
    request.put("authoredOn", "2024-05-02T08:00:00Z");
    return write(request);
  }

  /** A request referencing "#missing" with no contained Medication of that id. */
  static String requestWithUnresolvedContained(String id, String patientId) {
    ObjectNode request = base(id, patientId, "active");
    request.putObject("medicationReference").put("reference", "#missing");
    return write(request);
  }

  /** A request without a subject. */
  static String requestWithoutSubject(String id, String rxnorm) {
    ObjectNode request = (ObjectNode) read(request(id, "p-x", "active", rxnorm));
    request.remove("subject");
    return write(request);
  }

  /** A FHIR Medication coded with one RxNorm coding. */
  static String medication(String id, String rxnorm) {
    ObjectNode medication = JSON.createObjectNode();
    medication.put("resourceType", "Medication");
    medication.put("id", id);
    medication.set("code", concept(RXNORM, rxnorm, display(rxnorm)));
    return write(medication);
  }

  /**
   * Replaces a top-level field, e.g. authoredOn, to make a new version that names the same drug.
   */
  static String withField(String json, String field, String value) {
    ObjectNode node = (ObjectNode) read(json);
    node.put(field, value);
    return write(node);
  }

  private static ObjectNode base(String id, String patientId, String status) {
    ObjectNode request = JSON.createObjectNode();
    request.put("resourceType", "MedicationRequest");
    request.put("id", id);
    request.put("status", status);
    request.put("intent", "order");
    request.putObject("subject").put("reference", "Patient/" + patientId);
    request.put("authoredOn", "2024-05-02T08:00:00Z");
    request.putArray("dosageInstruction").addObject().put("text", "once daily");
    return request;
  }

  private static ObjectNode concept(String system, String code, String display) {
    ObjectNode concept = JSON.createObjectNode();
    concept
        .putArray("coding")
        .addObject()
        .put("system", system)
        .put("code", code)
        .put("display", display);
    concept.put("text", display);
    return concept;
  }

  private static Object read(String json) {
    try {
      return JSON.readTree(json);
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
}
