package dev.healthstreams.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthstreams.serde.RecordJson;
import java.io.IOException;
import java.util.Set;

/**
 * What backtest needs from a line before deciding how to feed it, in one streaming pass (no tree:
 * the Synthea export has half a million Observations): whether it is a whole `tail` line, the
 * resource id ({@link ResourceIds}' rule) and the envelope's {@code metadata.timestamp}.
 */
record JsonLineScan(boolean tailLine, String id, Long metadataTime) {
  static final Set<String> TAIL_FIELDS = RecordJson.TAIL_FIELDS;

  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonLineScan NOTHING = new JsonLineScan(false, null, null);

  /** Malformed input yields nothing found: it is fed as it is and dead-lettered downstream. */
  static JsonLineScan of(byte[] line) {
    try (JsonParser parser = JSON.createParser(line)) {
      return parser.nextToken() == JsonToken.START_OBJECT ? topLevel(parser) : NOTHING;
    } catch (IOException | RuntimeException e) {
      return NOTHING;
    }
  }

  private static JsonLineScan topLevel(JsonParser parser) throws IOException {
    boolean onlyTailFields = true;
    boolean hasValue = false;
    String topLevelId = null;
    String payloadId = null;
    Long time = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      onlyTailFields &= TAIL_FIELDS.contains(field);
      hasValue |= field.equals("value");
      if (field.equals("id") && value == JsonToken.VALUE_STRING) {
        topLevelId = parser.getText();
      } else if (field.equals("payload") && value == JsonToken.START_OBJECT) {
        payloadId = stringField(parser, "id");
      } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
        time = timeField(parser);
      } else {
        parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      return NOTHING; // truncated: trust nothing in it
    }
    return new JsonLineScan(
        onlyTailFields && hasValue, payloadId != null ? payloadId : topLevelId, time);
  }

  /** A string field of the object just entered; consumes the object. */
  private static String stringField(JsonParser parser, String name) throws IOException {
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && value == JsonToken.VALUE_STRING) {
        found = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  /** {@code timestamp} of the metadata object just entered; consumes the object. */
  private static Long timeField(JsonParser parser) throws IOException {
    Long found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("timestamp") && value == JsonToken.VALUE_NUMBER_INT) {
        found = parser.getLongValue() >= 0 ? parser.getLongValue() : null;
      } else if (field.equals("timestamp") && value == JsonToken.VALUE_STRING) {
        found = RecordTimes.of(parser.getText());
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }
}
