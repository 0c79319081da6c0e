package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the interaction facts of a FHIR R4 MedicationRequest with Jackson's streaming parser: the
 * drug (medicationCodeableConcept, or a {@code contained} Medication referenced as "#id"), status,
 * subject; everything else (dosage, authoredOn, notes, the requester) is skipped unread. Accepts
 * the bare resource or the platform envelope, keys in any order. A reference to a Medication
 * resource is left for the caller to resolve: the reader sees one record only. Thread-safe and
 * stateless.
 *
 * <p>Failures are {@link BadRecordException}s with reasons {@code not-json}, {@code not-fhir},
 * {@code wrong-resource-type} and {@code unresolved-contained-medication}; messages carry ids and
 * parser positions only.
 */
public final class MedicationRequestReader {

  private static final String MEDICATION_REQUEST = "MedicationRequest";
  private static final String MEDICATION = "Medication";

  public MedicationRequestFacts read(byte[] json) {
    Draft draft =
        MedicationJson.read(
            json, MEDICATION_REQUEST, Draft::new, MedicationRequestReader::readField);
    draft.requireResourceType(MEDICATION_REQUEST);
    return new MedicationRequestFacts(
        draft.id,
        draft.status,
        draft.subjectReference,
        drugOf(draft),
        draft.medicationReference,
        draft.correlationId);
  }

  /** Resolved at the end, since {@code contained} may come before or after the reference. */
  private static DrugCode drugOf(Draft draft) {
    if (draft.drug != null || !MedicationReferences.isContained(draft.medicationReference)) {
      return draft.drug;
    }
    String containedId = draft.medicationReference.substring(1);
    if (!draft.containedMedications.containsKey(containedId)) {
      throw new BadRecordException(
          "unresolved-contained-medication",
          MEDICATION_REQUEST
              + "/"
              + draft.id
              + " references a contained Medication it does not contain");
    }
    return draft.containedMedications.get(containedId);
  }

  private static void readField(JsonParser parser, String name, JsonToken token, Draft draft)
      throws IOException {
    switch (name) {
      case "status" -> draft.status = JsonTokens.scalarText(parser, token);
      case "subject" ->
          draft.subjectReference = JsonTokens.readStringField(parser, token, "reference");
      case "medicationCodeableConcept" -> draft.drug = MedicationJson.readDrug(parser, token);
      case "medicationReference" ->
          draft.medicationReference = JsonTokens.readStringField(parser, token, "reference");
      case "contained" -> readContained(parser, token, draft);
      default -> parser.skipChildren();
    }
  }

  /** Collects contained Medications by id; other contained resources are skipped. */
  private static void readContained(JsonParser parser, JsonToken token, Draft draft)
      throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
      if (item != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String resourceType = null;
      String id = null;
      DrugCode drug = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "resourceType" -> resourceType = JsonTokens.scalarText(parser, value);
          case "id" -> id = JsonTokens.scalarText(parser, value);
          case "code" -> drug = MedicationJson.readDrug(parser, value);
          default -> parser.skipChildren();
        }
      }
      if (MEDICATION.equals(resourceType) && id != null) {
        draft.containedMedications.put(id, drug);
      }
    }
  }

  private static final class Draft extends MedicationJson.Draft {
    String status;
    String subjectReference;
    DrugCode drug;
    String medicationReference;
    // id -> its drug; a contained Medication without a coded code maps to null.
    final Map<String, DrugCode> containedMedications = new HashMap<>(2);
  }
}
