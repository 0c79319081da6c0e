package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;

/** The token-level steps the streaming FHIR readers share, and their PHI-free errors. */
final class JsonTokens {
  private JsonTokens() {}

  /** The text of a scalar; null for JSON null, objects and arrays (which are skipped). */
  static String scalarText(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    return token == JsonToken.VALUE_NULL ? null : parser.getText();
  }

  /** A string field of an object, e.g. {@code subject.reference}; null when absent. */
  static String readStringField(JsonParser parser, JsonToken token, String field)
      throws IOException {
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String result = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(field)) {
        result = scalarText(parser, value);
      } else {
        parser.skipChildren();
      }
    }
    return result;
  }

  /** One FHIR Coding object (the parser is inside it): its system, code and display. */
  static ObservationFacts.Coding readCoding(JsonParser parser) throws IOException {
    String system = null;
    String code = null;
    String display = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "system" -> system = scalarText(parser, value);
        case "code" -> code = scalarText(parser, value);
        case "display" -> display = scalarText(parser, value);
        default -> parser.skipChildren();
      }
    }
    return new ObservationFacts.Coding(system, code, display);
  }

  /** The envelope's {@code metadata.correlationId}. */
  static String readCorrelationId(JsonParser parser, JsonToken token) throws IOException {
    return readStringField(parser, token, "correlationId");
  }

  /** Jackson's own message quotes the offending text: only the position travels on. */
  static BadRecordException notJson(String what, JsonLocation location) {
    String where =
        location == null
            ? ""
            : " near line " + location.getLineNr() + " column " + location.getColumnNr();
    return new BadRecordException("not-json", what + " is not valid JSON" + where);
  }

  static BadRecordException wrongResourceType(String expectedType, String resourceType) {
    // A resource type is a short alphabetic name, not PHI; anything else is not echoed.
    boolean printable =
        resourceType.length() <= 64 && resourceType.chars().allMatch(Character::isLetter);
    String article = "AEIOU".indexOf(expectedType.charAt(0)) >= 0 ? "an " : "a ";
    return new BadRecordException(
        "wrong-resource-type",
        "expected "
            + article
            + expectedType
            + ", got "
            + (printable ? resourceType : "another resource type"));
  }
}
