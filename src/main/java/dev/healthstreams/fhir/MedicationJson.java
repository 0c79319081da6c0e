package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The streaming-parser walk shared by {@link MedicationRequestReader} and {@link MedicationReader}:
 * the bare resource or the platform envelope in any key order, resourceType checked as soon as it
 * is seen, and error messages that carry ids and positions only (Jackson's own quote the payload).
 */
final class MedicationJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private MedicationJson() {}

  /** The fields of one resource while its JSON is being read, in whatever order they come. */
  abstract static class Draft {
    String resourceType;
    String id;
    String correlationId;

    /** Throws not-fhir when the resource had no resourceType. */
    void requireResourceType(String expectedType) {
      if (resourceType == null) {
        throw new BadRecordException(
            "not-fhir", "record has no resourceType (" + expectedType + "/" + id + ")");
      }
    }
  }

  /** Reads one field of the resource other than resourceType and id. */
  @FunctionalInterface
  interface FieldReader<D extends Draft> {
    void read(JsonParser parser, String name, JsonToken token, D draft) throws IOException;
  }

  /**
   * Walks the record and returns the resource's draft (the payload's for an envelope, with the
   * envelope's correlation id). resourceType presence is left to the caller's {@code toFacts}, so
   * that its message can name the id read by then.
   */
  static <D extends Draft> D read(
      byte[] json, String expectedType, Supplier<D> drafts, FieldReader<D> fields) {
    if (json == null || json.length == 0) {
      throw new BadRecordException("not-json", "empty record");
    }
    D root = drafts.get();
    D payload = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRecordException("not-fhir", "record is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "metadata" -> root.correlationId = JsonTokens.readCorrelationId(parser, token);
          case "payload" -> payload = readPayload(parser, token, expectedType, drafts, fields);
          default -> readField(parser, name, token, expectedType, root, fields);
        }
      }
    } catch (JsonProcessingException e) {
      String id = payload != null ? payload.id : root.id;
      throw JsonTokens.notJson(expectedType + "/" + id, e.getLocation());
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson still declares it.
      throw new BadRecordException("not-json", "record could not be read");
    }
    if (payload != null) {
      payload.correlationId = root.correlationId;
      return payload;
    }
    return root;
  }

  private static <D extends Draft> D readPayload(
      JsonParser parser,
      JsonToken token,
      String expectedType,
      Supplier<D> drafts,
      FieldReader<D> fields)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw new BadRecordException("not-fhir", "envelope payload is not a JSON object");
    }
    D draft = drafts.get();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      readField(parser, name, parser.nextToken(), expectedType, draft, fields);
    }
    return draft;
  }

  private static <D extends Draft> void readField(
      JsonParser parser,
      String name,
      JsonToken token,
      String expectedType,
      D draft,
      FieldReader<D> fields)
      throws IOException {
    switch (name) {
      case "resourceType" -> {
        draft.resourceType = JsonTokens.scalarText(parser, token);
        // Fail before walking the rest of, say, a large Patient on the wrong topic.
        if (draft.resourceType != null && !draft.resourceType.equals(expectedType)) {
          throw JsonTokens.wrongResourceType(expectedType, draft.resourceType);
        }
      }
      case "id" -> draft.id = JsonTokens.scalarText(parser, token);
      default -> fields.read(parser, name, token, draft);
    }
  }

  /**
   * The drug of a CodeableConcept: its RxNorm coding, else its first coding with a code; null when
   * it has none (a concept with only text names no drug we can match).
   */
  /** One coding as a drug, or null when it has no code. */
  private static DrugCode readCoding(JsonParser parser) throws IOException {
    ObservationFacts.Coding coding = JsonTokens.readCoding(parser);
    return coding.code() == null
        ? null
        : new DrugCode(coding.system(), coding.code(), coding.display());
  }

  static DrugCode readDrug(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    DrugCode first = null;
    DrugCode rxnorm = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals("coding") || value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        continue;
      }
      JsonToken item;
      while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
        if (item != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        DrugCode coding = readCoding(parser);
        if (coding == null) {
          continue;
        }
        if (first == null) {
          first = coding;
        }
        if (rxnorm == null && coding.isRxNorm()) {
          rxnorm = coding;
        }
      }
    }
    return rxnorm != null ? rxnorm : first;
  }
}
