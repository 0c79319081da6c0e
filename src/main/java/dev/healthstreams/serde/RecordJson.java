package dev.healthstreams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One Kafka record as the JSON line {@code tail} and {@code backtest} print: {@code {"topic",
 * "partition", "offset", "timestamp", "key", "headers", "value"}}. Values framed as Confluent Avro
 * are decoded through the registry; other values are shown as JSON when they parse, else as text. A
 * value that cannot be decoded becomes {@code {"error": reason, ...}} so one bad record does not
 * stop a tail.
 */
public final class RecordJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The fields of a line as `tail` prints it; a line with only these and a value is one. */
  public static final Set<String> TAIL_FIELDS =
      Set.of("topic", "partition", "offset", "timestamp", "key", "headers", "value");

  private RecordJson() {}

  /** The value of a whole `tail` line; any other JSON as it is. */
  public static JsonNode valueOf(JsonNode line) {
    if (line == null || !line.isObject() || !line.has("value")) {
      return line;
    }
    for (var names = line.fieldNames(); names.hasNext(); ) {
      if (!TAIL_FIELDS.contains(names.next())) {
        return line;
      }
    }
    return line.get("value");
  }

  /** {@code registry} may be null when none is configured; Avro values then show an error. */
  public static ObjectNode toJson(
      String topic,
      int partition,
      long offset,
      long timestamp,
      byte[] key,
      Headers headers,
      byte[] value,
      SchemaRegistryClient registry) {
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", topic);
    line.put("partition", partition);
    line.put("offset", offset);
    line.put("timestamp", timestamp);
    line.put("key", utf8(key));
    ObjectNode headerNode = line.putObject("headers");
    if (headers != null) {
      for (Header header : headers) {
        headerNode.put(header.key(), utf8(header.value()));
      }
    }
    line.set("value", value(topic, value, registry));
    return line;
  }

  /** A consumed record as the JSON line `tail` prints. */
  public static ObjectNode toJson(
      ConsumerRecord<byte[], byte[]> record, SchemaRegistryClient registry) {
    return toJson(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.key(),
        record.headers(),
        record.value(),
        registry);
  }

  /** The node as one compact line (JSON escapes any newline inside strings). */
  public static String toLine(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode value(String topic, byte[] value, SchemaRegistryClient registry) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (ConfluentWireFormat.isFramed(value)) {
      return avro(topic, value, registry);
    }
    try {
      return JSON.readTree(value);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(utf8(value));
    }
  }

  private static JsonNode avro(String topic, byte[] value, SchemaRegistryClient registry) {
    int schemaId = ConfluentWireFormat.schemaId(value, topic);
    if (registry == null) {
      return error("no-schema-registry").put("schemaId", schemaId);
    }
    try {
      // Per-call reader: the registry caches schemas, and a CLI prints far below hot-path rates.
      AvroDeserializer<GenericRecord> reader =
          new AvroDeserializer<>(registry, writer -> new GenericDatumReader<>(writer));
      return AvroJson.toJson(reader.deserialize(topic, value));
    } catch (BadRecordException e) {
      ObjectNode error = error(e.reason());
      return e.reason().equals("unknown-schema-id") ? error.put("schemaId", schemaId) : error;
    }
  }

  private static ObjectNode error(String reason) {
    return JSON.createObjectNode().put("error", reason);
  }

  private static String utf8(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
