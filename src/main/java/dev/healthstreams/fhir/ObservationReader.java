package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the alerting facts of a FHIR R4 Observation with Jackson's streaming parser, about five
 * times cheaper than a HAPI parse: it looks at the few fields alerting needs and skips the rest
 * without building it. Accepts the bare resource or the platform envelope {@code {"metadata":
 * {"correlationId": ...}, "payload": <resource>}}, keys in any order. Thread-safe and stateless.
 *
 * <p>Failures are {@link BadRecordException}s with reasons {@code not-json}, {@code not-fhir},
 * {@code wrong-resource-type} and {@code unparsable-value}; their messages carry the resource id
 * and parser positions only, never payload text (Jackson's own messages quote it).
 */
public final class ObservationReader {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String OBSERVATION = "Observation";

  public ObservationFacts read(byte[] json) {
    if (json == null || json.length == 0) {
      throw new BadRecordException("not-json", "empty record");
    }
    ObservationDraft root = new ObservationDraft();
    ObservationDraft payload = null;
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new BadRecordException("not-fhir", "record is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "metadata" -> root.correlationId = JsonTokens.readCorrelationId(parser, token);
          case "payload" -> payload = readPayload(parser, token);
          default -> readResourceField(parser, name, token, root);
        }
      }
    } catch (JsonProcessingException e) {
      throw JsonTokens.notJson(
          "Observation/" + (payload != null ? payload.id : root.id), e.getLocation());
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson still declares it.
      throw new BadRecordException("not-json", "record could not be read");
    }
    if (payload != null) {
      payload.correlationId = root.correlationId;
      return payload.toFacts();
    }
    return root.toFacts();
  }

  private static ObservationDraft readPayload(JsonParser parser, JsonToken token)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw new BadRecordException("not-fhir", "envelope payload is not a JSON object");
    }
    ObservationDraft draft = new ObservationDraft();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      readResourceField(parser, name, parser.nextToken(), draft);
    }
    return draft;
  }

  private static void readResourceField(
      JsonParser parser, String name, JsonToken token, ObservationDraft draft) throws IOException {
    switch (name) {
      case "resourceType" -> {
        draft.resourceType = JsonTokens.scalarText(parser, token);
        // Fail before walking the rest of, say, a large Patient on the wrong topic.
        if (draft.resourceType != null && !draft.resourceType.equals(OBSERVATION)) {
          throw JsonTokens.wrongResourceType(OBSERVATION, draft.resourceType);
        }
      }
      case "id" -> draft.id = JsonTokens.scalarText(parser, token);
      case "status" -> draft.status = JsonTokens.scalarText(parser, token);
      case "subject" ->
          draft.subjectReference = JsonTokens.readStringField(parser, token, "reference");
      case "effectiveDateTime", "effectiveInstant" ->
          draft.effectiveTime = FhirDateTimes.toEpochMillis(JsonTokens.scalarText(parser, token));
      case "effectivePeriod" ->
          draft.effectiveTime =
              FhirDateTimes.toEpochMillis(JsonTokens.readStringField(parser, token, "start"));
      case "component" -> readComponents(parser, token, draft);
      default -> {
        if (!readElementField(parser, name, token, draft.own, draft)) {
          parser.skipChildren();
        }
      }
    }
  }

  private static void readComponents(JsonParser parser, JsonToken token, ObservationDraft draft)
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
      ElementDraft component = new ElementDraft();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!readElementField(parser, name, value, component, draft)) {
          parser.skipChildren();
        }
      }
      draft.components.add(component.toCodedValue());
    }
  }

  /** Reads code, valueQuantity or valueInteger into {@code element}; false for other fields. */
  private static boolean readElementField(
      JsonParser parser, String name, JsonToken token, ElementDraft element, ObservationDraft draft)
      throws IOException {
    switch (name) {
      case "code" -> element.codings = readCodings(parser, token);
      case "valueQuantity" -> readQuantity(parser, token, element, draft);
      case "valueInteger" -> element.value = readNumber(parser, token, draft);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static List<ObservationFacts.Coding> readCodings(JsonParser parser, JsonToken token)
      throws IOException {
    List<ObservationFacts.Coding> codings = new ArrayList<>(2);
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return codings;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("coding") && value == JsonToken.START_ARRAY) {
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY && item != null) {
          if (item == JsonToken.START_OBJECT) {
            codings.add(JsonTokens.readCoding(parser));
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return Collections.unmodifiableList(codings);
  }

  private static void readQuantity(
      JsonParser parser, JsonToken token, ElementDraft element, ObservationDraft draft)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "value" -> element.value = readNumber(parser, value, draft);
        case "code" -> element.unitCode = JsonTokens.scalarText(parser, value);
        case "unit" -> element.unitText = JsonTokens.scalarText(parser, value);
        default -> parser.skipChildren();
      }
    }
  }

  /**
   * A JSON number, or null when absent. FHIR JSON writes decimals as numbers, so anything else (a
   * string, even "120") is flagged; the throw waits for the end, when the id is known.
   */
  private static Double readNumber(JsonParser parser, JsonToken token, ObservationDraft draft)
      throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token != JsonToken.VALUE_NULL) {
      parser.skipChildren();
      draft.unparsableValue = true;
    }
    return null;
  }

  /** The fields of one coded element while its JSON is being read. */
  private static final class ElementDraft {
    List<ObservationFacts.Coding> codings;
    Double value;
    String unitCode;
    String unitText;

    ObservationFacts.CodedValue toCodedValue() {
      return new ObservationFacts.CodedValue(
          codings == null ? List.of() : codings, value, unitCode, unitText);
    }
  }

  /** The fields of one Observation while its JSON is being read, in whatever order they come. */
  private static final class ObservationDraft {
    String resourceType;
    String id;
    String status;
    String subjectReference;
    Long effectiveTime;
    String correlationId;
    boolean unparsableValue;
    final ElementDraft own = new ElementDraft();
    final List<ObservationFacts.CodedValue> components = new ArrayList<>(0);

    ObservationFacts toFacts() {
      if (resourceType == null) {
        throw new BadRecordException(
            "not-fhir", "record has no resourceType (Observation/" + id + ")");
      }
      if (unparsableValue) {
        throw new BadRecordException(
            "unparsable-value", "Observation/" + id + " has a value that is not a number");
      }
      List<ObservationFacts.CodedValue> elements = new ArrayList<>(components.size() + 1);
      // Observation.code is required, but a record without one still carries its components.
      if (own.codings != null) {
        elements.add(own.toCodedValue());
      }
      elements.addAll(components);
      return new ObservationFacts(
          id,
          status,
          subjectReference,
          effectiveTime,
          Collections.unmodifiableList(elements),
          correlationId);
    }
  }
}
