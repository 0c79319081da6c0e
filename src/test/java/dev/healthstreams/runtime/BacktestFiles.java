package dev.healthstreams.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Input lines for backtests (FHIR, envelopes, tail lines) and the output files read back. */
final class BacktestFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private BacktestFiles() {}

  /** A final heart-rate Observation of a patient, as a bare FHIR resource. */
  static String observation(String id, String patient, int perMinute) {
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"},\"effectiveDateTime\":\"2024-03-01T12:00:00Z\","
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
        + "\"valueQuantity\":{\"value\":"
        + perMinute
        + ",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
  }

  /** The platform envelope around a resource, with {@code metadata.timestamp} as given. */
  static String envelope(Object metadataTimestamp, String resource) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.putObject("metadata").set("timestamp", JSON.valueToTree(metadataTimestamp));
    envelope.set("payload", tree(resource));
    return envelope.toString();
  }

  /** A whole `tail` line; {@code value} is JSON text, or any other text kept as a string. */
  static String tailLine(
      String topic, Long timestamp, String key, List<String> headerPairs, String value) {
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", topic);
    line.put("partition", 0);
    line.put("offset", 42);
    if (timestamp != null) {
      line.put("timestamp", timestamp);
    }
    line.put("key", key);
    ObjectNode headers = line.putObject("headers");
    for (int i = 0; i < headerPairs.size(); i += 2) {
      headers.put(headerPairs.get(i), headerPairs.get(i + 1));
    }
    JsonNode parsed = treeOrNull(value);
    line.set("value", parsed != null ? parsed : JSON.getNodeFactory().textNode(value));
    return line.toString();
  }

  static Path write(Path dir, String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> read(Path file) {
    List<JsonNode> nodes = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nodes;
  }

  static JsonNode tree(String json) {
    JsonNode node = treeOrNull(json);
    if (node == null) {
      throw new IllegalArgumentException("not JSON");
    }
    return node;
  }

  private static JsonNode treeOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
