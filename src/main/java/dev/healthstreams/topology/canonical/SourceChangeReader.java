package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.fhir.JsonObjects;

/**
 * Reads a source topic's value in any of the three forms the topology accepts: the bare document,
 * the platform envelope {@code {metadata, payload}}, or a Debezium change event ({@code op} c, u, d
 * or r, {@code before}, {@code after}, {@code source.ts_ms}, {@code source.lsn} or {@code
 * source.pos}; also inside Debezium's own {@code {schema, payload}} wrapping). A null value (a
 * tombstone) and {@code op: d} are deletes. Errors name positions only, never payload text.
 */
public final class SourceChangeReader {

  public SourceChange read(byte[] value) {
    if (value == null) {
      return new SourceChange(true, null, null, null, null, null);
    }
    JsonNode root = parse(value);
    JsonNode payload = root.get("payload");
    if (isDebezium(root)) {
      return debezium(root, null);
    }
    // The platform envelope's metadata names the correlation; Debezium's own {schema, payload}
    // wrapping has none.
    String correlation = root.path("metadata").path("correlationId").asText(null);
    if (payload != null && payload.isObject() && isDebezium(payload)) {
      return debezium(payload, correlation);
    }
    if (payload != null && !root.has("resourceType") && root.has("metadata")) {
      if (!payload.isObject()) {
        throw new BadRecordException("not-json", "envelope payload is not a JSON object");
      }
      return new SourceChange(false, payload, null, null, null, correlation);
    }
    return new SourceChange(false, root, null, null, null, null);
  }

  private static boolean isDebezium(JsonNode node) {
    return node.has("op") && (node.has("after") || node.has("before"));
  }

  private static SourceChange debezium(JsonNode event, String correlation) {
    String op = event.path("op").asText("");
    JsonNode source = event.path("source");
    Long position = number(source.get("lsn"));
    if (position == null) {
      position = number(source.get("pos"));
    }
    Long ts = number(source.get("ts_ms"));
    if (ts == null) {
      ts = number(event.get("ts_ms"));
    }
    JsonNode before = document(event.get("before"));
    return switch (op) {
      case "c", "u", "r" -> {
        JsonNode after = document(event.get("after"));
        if (after == null) {
          throw new BadRecordException("bad-cdc", "change event op " + op + " has no after");
        }
        yield new SourceChange(false, after, before, position, ts, correlation);
      }
      case "d" -> new SourceChange(true, null, before, position, ts, correlation);
      default -> throw new BadRecordException("bad-cdc", "unknown change event op");
    };
  }

  /** A row image: the object itself, or a JSON column holding the document as text. */
  private static JsonNode document(JsonNode image) {
    if (image == null || image.isNull()) {
      return null;
    }
    if (image.isTextual()) {
      return parse(image.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (!image.isObject()) {
      throw new BadRecordException("bad-cdc", "change event row image is not an object");
    }
    return image;
  }

  private static Long number(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        throw new BadRecordException("bad-cdc", "change event position is not a number");
      }
    }
    throw new BadRecordException("bad-cdc", "change event position is not a number");
  }

  static JsonNode parse(byte[] value) {
    return JsonObjects.read(value, "not-json");
  }
}
