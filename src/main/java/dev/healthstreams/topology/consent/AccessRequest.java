package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A JSON access request ({@code requestId, patientId, requester {organization, user, roles},
 * purpose, category, action, requestedAt, dataDate}) and the query it asks. Times are epoch
 * milliseconds or ISO-8601 instants; a request with no {@code requestedAt} is decided at its
 * record's time. A request with no {@code requestId} is decided all the same, under an id derived
 * from its bytes ({@link #derivedId}). Bad records: not JSON, no patient, no purpose, a time that
 * does not parse.
 */
public record AccessRequest(String requestId, AccessQuery query) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static AccessRequest read(byte[] bytes, long recordTime) {
    if (bytes == null) {
      throw new BadRecordException("not-json", "access request is not a JSON object");
    }
    Fields fields = new Fields();
    try (JsonParser parser = JSON.getFactory().createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        // Not an object, or nothing: broken JSON after it still reads as broken.
        JSON.readTree(bytes);
        throw new BadRecordException("not-json", "access request is not a JSON object");
      }
      fields.read(parser);
    } catch (IOException e) {
      throw new BadRecordException("not-json", "access request is not valid JSON");
    }
    String requestId = fields.requestId != null ? fields.requestId : derivedId(bytes);
    String patient = fields.patientId;
    if (patient == null) {
      throw new BadRecordException("no-patient", "access request " + requestId + " has no patient");
    }
    String purpose = fields.purpose;
    if (purpose == null) {
      throw new BadRecordException("no-purpose", "access request " + requestId + " has no purpose");
    }
    Long at = time(fields.requestedAt, requestId);
    return new AccessRequest(
        requestId,
        new AccessQuery(
            patient,
            new Requester(fields.organization, fields.user, fields.roles),
            purpose,
            fields.category,
            fields.action,
            at == null ? recordTime : at,
            time(fields.dataDate, requestId)));
  }

  /**
   * {@code request-} and a name-based UUID of the request's bytes: the same on every read of the
   * record (before and after the repartition hop, which carries the bytes unchanged, and on a
   * replay), so its decision and audit keep one id. Two identical requests share it; nothing tells
   * them apart anyway.
   */
  static String derivedId(byte[] bytes) {
    return "request-" + UUID.nameUUIDFromBytes(bytes);
  }

  /**
   * The request's fields, read token by token: every access request is read, and a tree of nodes
   * cost more than the whole decision. Same rules as the tree: a repeated field counts by its last
   * value, a text field is any scalar's text (null when blank), times are kept as nodes.
   */
  private static final class Fields {
    String requestId;
    String patientId;
    String purpose;
    String category;
    String action;
    JsonNode requestedAt;
    JsonNode dataDate;
    String organization;
    String user;
    List<String> roles = new ArrayList<>();

    void read(JsonParser parser) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "requestId" -> requestId = text(parser, value);
          case "patientId" -> patientId = text(parser, value);
          case "purpose" -> purpose = text(parser, value);
          case "category" -> category = text(parser, value);
          case "action" -> action = text(parser, value);
          case "requestedAt" -> requestedAt = node(parser, value);
          case "dataDate" -> dataDate = node(parser, value);
          case "requester" -> requester(parser, value);
          default -> parser.skipChildren();
        }
      }
    }

    private void requester(JsonParser parser, JsonToken token) throws IOException {
      organization = null;
      user = null;
      roles = new ArrayList<>();
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "organization" -> organization = text(parser, value);
          case "user" -> user = text(parser, value);
          case "roles" -> roles = roles(parser, value);
          default -> parser.skipChildren();
        }
      }
    }

    /** The items of an array or the values of an object, each as its text ("null" for null). */
    private static List<String> roles(JsonParser parser, JsonToken token) throws IOException {
      List<String> roles = new ArrayList<>();
      if (token == JsonToken.START_ARRAY) {
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
          roles.add(asText(parser, item));
        }
      } else if (token == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          roles.add(asText(parser, parser.nextToken()));
        }
      }
      return roles;
    }

    /** As the tree's {@code asText}: a string's text, other scalars' text, "" for containers. */
    private static String asText(JsonParser parser, JsonToken token) throws IOException {
      return token == JsonToken.VALUE_STRING ? parser.getText() : node(parser, token).asText();
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
      String text = asText(parser, token);
      return token == JsonToken.VALUE_NULL || text.isBlank() ? null : text;
    }

    private static JsonNode node(JsonParser parser, JsonToken token) throws IOException {
      return switch (token) {
        case VALUE_STRING -> TextNode.valueOf(parser.getText());
        case VALUE_NULL -> NullNode.getInstance();
        default -> JSON.readTree(parser);
      };
    }
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
