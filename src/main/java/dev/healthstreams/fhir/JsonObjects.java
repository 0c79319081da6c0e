package dev.healthstreams.fhir;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;

/** A record that must be one JSON object, read as a tree; anything else is a bad record. */
public final class JsonObjects {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonObjects() {}

  /**
   * @param notObjectReason the dead-letter reason when the record is JSON but not an object
   */
  public static JsonNode read(byte[] json, String notObjectReason) {
    if (json == null || json.length == 0) {
      throw new BadRecordException("not-json", "empty record");
    }
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new BadRecordException(notObjectReason, "record is not a JSON object");
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
    } catch (IOException e) {
      throw new BadRecordException("not-json", "record could not be read");
    }
  }
}
