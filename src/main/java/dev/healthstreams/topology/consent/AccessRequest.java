package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON access request ({@code requestId, patientId, requester {organization, user, roles},
 * purpose, category, action, requestedAt, dataDate}) and the query it asks. Times are epoch
 * milliseconds or ISO-8601 instants; a request with no {@code requestedAt} is decided at its
 * record's time. Bad records: not JSON, no requestId, no patient, no purpose, a time that does not
 * parse.
 */
public record AccessRequest(String requestId, AccessQuery query) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static AccessRequest read(byte[] bytes, long recordTime) {
    JsonNode root;
    try {
      root = bytes == null ? null : JSON.readTree(bytes);
    } catch (IOException e) {
      throw new BadRecordException("not-json", "access request is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadRecordException("not-json", "access request is not a JSON object");
    }
    String requestId = text(root, "requestId");
    if (requestId == null) {
      throw new BadRecordException("no-request-id", "access request has no requestId");
    }
    String patient = text(root, "patientId");
    if (patient == null) {
      throw new BadRecordException("no-patient", "access request " + requestId + " has no patient");
    }
    String purpose = text(root, "purpose");
    if (purpose == null) {
      throw new BadRecordException("no-purpose", "access request " + requestId + " has no purpose");
    }
    JsonNode requester = root.path("requester");
    List<String> roles = new ArrayList<>();
    requester.path("roles").forEach(role -> roles.add(role.asText()));
    Long at = time(root.get("requestedAt"), requestId);
    return new AccessRequest(
        requestId,
        new AccessQuery(
            patient,
            new Requester(text(requester, "organization"), text(requester, "user"), roles),
            purpose,
            text(root, "category"),
            text(root, "action"),
            at == null ? recordTime : at,
            time(root.get("dataDate"), requestId)));
  }

  /**
   * Whether the record is keyed by the patient it names, as the topic's contract says; false for a
   * record that cannot be read (it is then re-keyed, which sends it to the dead letters).
   */
  public static boolean keyedByPatient(String key, byte[] bytes) {
    if (key == null || bytes == null) {
      return false;
    }
    // Every request asks this before it is read: one pass over the tokens, no tree. The whole
    // record is scanned, so that broken JSON is re-keyed (and dead-lettered) as before, and a
    // repeated field counts by its last value, as in the tree.
    try (JsonParser parser = JSON.getFactory().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      String patient = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean text = value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL;
        if (field.equals("patientId")) {
          patient = text && !parser.getText().isBlank() ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return parser.currentToken() == JsonToken.END_OBJECT && key.equals(patient);
    } catch (IOException e) {
      return false;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /** Epoch milliseconds or an ISO-8601 instant; null when absent. */
  static Long time(JsonNode value, String requestId) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Instant.parse(value.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadRecordException("bad-time", "access request " + requestId + " has a bad time");
    }
  }
}
