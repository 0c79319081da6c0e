package dev.healthstreams.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.serde.AvroFromJson;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.ValueFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns one line of a role's input file into the record to pipe. A line is either a whole `tail`
 * line (its topic, key, headers, timestamp and value replayed as they were) or a bare value: FHIR
 * or plain JSON fed as its bytes (key = the resource id), or an Avro record as `tail` prints it,
 * converted through the role's schema (key = its id field). A role that declares a key path ({@link
 * TopicRole#keyedBy}) takes a bare line's key from there instead. A value that does not convert is
 * fed as it came, so that the topology dead-letters it as it would a bad record on a broker.
 */
final class InputLineParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopicRole<?> role;
  private final List<String> topics;
  private final Class<? extends SpecificRecord> avroType;
  private final Serializer<SpecificRecord> avroSerializer;
  private final String avroIdField;

  @SuppressWarnings("unchecked")
  InputLineParser(TopicRole<?> role, List<String> topics, AvroSerdes avro) {
    this.role = role;
    this.topics = topics;
    if (role.format() instanceof ValueFormat.Avro<?> format) {
      avroType = format.type();
      avroSerializer = (Serializer<SpecificRecord>) avro.specific(format.type()).serializer();
      avroIdField = AvroFromJson.idField(format.type());
    } else {
      avroType = null;
      avroSerializer = null;
      avroIdField = null;
    }
  }

  /** {@code where} names the file and record for errors, never the content. */
  InputRecord parse(byte[] line, String where) {
    JsonLineScan scan = JsonLineScan.of(line);
    if (scan.tailLine()) {
      return tailLine(line, where);
    }
    String topic = defaultTopic(where);
    if (avroType == null && role.keyPath() == null) {
      return new InputRecord(role.name(), topic, scan.id(), null, line, scan.metadataTime(), null);
    }
    JsonNode tree = readTree(line);
    String key = tree == null ? null : textOrNull(keyOf(tree));
    if (avroType == null) {
      return new InputRecord(role.name(), topic, key, null, line, scan.metadataTime(), null);
    }
    return avroValue(topic, key, null, tree, line, scan.metadataTime());
  }

  private InputRecord tailLine(byte[] line, String where) {
    JsonNode tail = readTree(line);
    String topic = tailTopic(tail.get("topic"), where);
    String key = textOrNull(tail.get("key"));
    RecordHeaders headers = headers(tail.get("headers"));
    JsonNode value = tail.get("value");
    Long time = RecordTimes.of(tail.get("timestamp"));
    if (time == null && value != null) {
      time = RecordTimes.of(value.path("metadata").get("timestamp"));
    }
    if (value == null || value.isNull()) {
      return new InputRecord(role.name(), topic, key, headers, null, time, null);
    }
    byte[] valueBytes = asBytes(value);
    if (avroType == null) {
      return new InputRecord(role.name(), topic, key, headers, valueBytes, time, null);
    }
    return avroValue(topic, key, headers, value, valueBytes, time);
  }

  private InputRecord avroValue(
      String topic, String key, RecordHeaders headers, JsonNode value, byte[] raw, Long time) {
    if (value == null) {
      return new InputRecord(role.name(), topic, key, headers, raw, time, "not JSON");
    }
    try {
      byte[] bytes = avroSerializer.serialize(topic, AvroFromJson.read(value, avroType));
      return new InputRecord(role.name(), topic, key, headers, bytes, time, null);
    } catch (BadRecordException e) {
      return new InputRecord(role.name(), topic, key, headers, raw, time, e.getMessage());
    }
  }

  private JsonNode keyOf(JsonNode value) {
    if (role.keyPath() == null) {
      return value.get(avroIdField);
    }
    JsonNode at = value;
    for (String step : role.keyPath().split("\\.")) {
      at = at.path(step);
    }
    return at;
  }

  /** The role's topic; a role that reads several must be given tail lines naming one. */
  private String defaultTopic(String where) {
    if (topics.size() != 1) {
      throw new BacktestInputException(
          where
              + ": role '"
              + role.name()
              + "' reads several topics "
              + topics
              + "; give whole tail lines whose \"topic\" names one of them");
    }
    return topics.get(0);
  }

  /**
   * A one-topic role takes the line whatever topic it was recorded on (so one topology's output can
   * feed another's input); a role that reads several takes the line's topic, which must be one of
   * its own.
   */
  private String tailTopic(JsonNode topic, String where) {
    if (topics.size() == 1) {
      return topics.get(0);
    }
    String named = textOrNull(topic);
    if (named == null || !topics.contains(named)) {
      throw new BacktestInputException(
          where
              + ": the line's topic "
              + (named == null ? "is missing" : "'" + named + "' is not one")
              + " of role '"
              + role.name()
              + "' topics "
              + topics);
    }
    return named;
  }

  private static RecordHeaders headers(JsonNode node) {
    RecordHeaders headers = new RecordHeaders();
    if (node != null && node.isObject()) {
      node.fields()
          .forEachRemaining(
              h -> headers.add(h.getKey(), h.getValue().isNull() ? null : asBytes(h.getValue())));
    }
    return headers;
  }

  /** Text as its characters (tail shows values that are not JSON as text), else compact JSON. */
  private static byte[] asBytes(JsonNode node) {
    String text = node.isTextual() ? node.asText() : node.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String textOrNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  private static JsonNode readTree(byte[] line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
