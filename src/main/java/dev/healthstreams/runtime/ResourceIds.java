package dev.healthstreams.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the resource id in a FHIR JSON value without building a tree: the top-level {@code id} of a
 * bare resource, or {@code payload.id} of the platform envelope {@code {"metadata": ..., "payload":
 * <resource>}}.
 */
public final class ResourceIds {

  private static final JsonFactory JSON = new JsonFactory();

  private ResourceIds() {}

  /** The resource id, or null when the value is not a JSON object or carries no string id. */
  public static String idOf(byte[] json) {
    if (json == null) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      return parser.nextToken() == JsonToken.START_OBJECT ? idInTopLevel(parser) : null;
    } catch (IOException | RuntimeException e) {
      // Malformed input is expected here (it goes to the dead-letter topic later): no id.
      return null;
    }
  }

  /**
   * An envelope's payload id wins over a top-level id. Ids are only trusted once the whole object
   * parsed, so truncated JSON yields null rather than a guess.
   */
  private static String idInTopLevel(JsonParser parser) throws IOException {
    String topLevelId = null;
    String payloadId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
        topLevelId = parser.getText();
      } else if ("payload".equals(field) && value == JsonToken.START_OBJECT) {
        payloadId = idInObject(parser);
      } else {
        parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      return null;
    }
    return payloadId != null ? payloadId : topLevelId;
  }

  /** The string id field of the object the parser has just entered; consumes the object. */
  private static String idInObject(JsonParser parser) throws IOException {
    String id = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
        id = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return id;
  }
}
