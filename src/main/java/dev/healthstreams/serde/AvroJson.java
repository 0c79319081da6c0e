package dev.healthstreams.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Avro data as plain JSON for people: schema field names, unions unwrapped (no {@code
 * {"string": ...}}), enums as their symbol, bytes as base64 and logical types as the value Avro
 * stores (timestamp-millis as epoch millis, date as epoch day). Works for generic and generated
 * (specific) records alike, whose logical values arrive as {@code java.time} objects.
 */
public final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** A record, enum or fixed, which carries its own schema. */
  public static JsonNode toJson(GenericContainer datum) {
    return datum == null ? NODES.nullNode() : toJson(datum, datum.getSchema());
  }

  /** Any Avro value described by {@code schema}. */
  public static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case RECORD -> record((IndexedRecord) value, schema);
      case UNION -> toJson(value, branchFor(value, schema));
      case ARRAY -> array((Collection<?>) value, schema.getElementType());
      case MAP -> map((Map<?, ?>) value, schema.getValueType());
      case STRING, ENUM -> NODES.textNode(value.toString());
      case BYTES -> bytes(value);
      case FIXED -> value instanceof GenericFixed fixed ? base64(fixed.bytes()) : bytes(value);
      case INT, LONG -> integral(value, schema.getLogicalType());
      case FLOAT, DOUBLE -> floating(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case NULL -> NODES.nullNode();
    };
  }

  private static ObjectNode record(IndexedRecord record, Schema schema) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
    }
    return node;
  }

  private static ArrayNode array(Collection<?> items, Schema elementType) {
    ArrayNode node = NODES.arrayNode();
    items.forEach(item -> node.add(toJson(item, elementType)));
    return node;
  }

  private static ObjectNode map(Map<?, ?> entries, Schema valueType) {
    ObjectNode node = NODES.objectNode();
    entries.forEach((key, value) -> node.set(key.toString(), toJson(value, valueType)));
    return node;
  }

  private static JsonNode bytes(Object value) {
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return base64(bytes);
  }

  private static JsonNode base64(byte[] bytes) {
    return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
  }

  private static JsonNode integral(Object value, LogicalType logicalType) {
    String logical = logicalType == null ? "" : logicalType.getName();
    if (value instanceof Number number) {
      return NODES.numberNode(number.longValue());
    }
    if (value instanceof Instant instant) {
      return NODES.numberNode(sinceEpoch(instant, logical));
    }
    if (value instanceof LocalDateTime local) {
      return NODES.numberNode(sinceEpoch(local.toInstant(ZoneOffset.UTC), logical));
    }
    if (value instanceof LocalDate date) {
      return NODES.numberNode(date.toEpochDay());
    }
    if (value instanceof LocalTime time) {
      long nanos = time.toNanoOfDay();
      return NODES.numberNode(logical.equals("time-micros") ? nanos / 1_000 : nanos / 1_000_000);
    }
    return NODES.textNode(value.toString());
  }

  private static long sinceEpoch(Instant instant, String logical) {
    if (logical.endsWith("-micros")) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
    if (logical.endsWith("-nanos")) {
      return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
    }
    return instant.toEpochMilli();
  }

  private static JsonNode floating(double value) {
    // JSON has no NaN or infinity; spell them out rather than write invalid JSON.
    return Double.isFinite(value)
        ? NODES.numberNode(value)
        : NODES.textNode(Double.toString(value));
  }

  /** The union branch a Java value belongs to; the first non-null branch when none fits better. */
  private static Schema branchFor(Object value, Schema union) {
    Schema fallback = null;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      if (fits(value, branch)) {
        return branch;
      }
      fallback = fallback == null ? branch : fallback;
    }
    if (fallback == null) {
      throw new IllegalArgumentException("value does not fit a union of nulls only");
    }
    return fallback;
  }

  private static boolean fits(Object value, Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED ->
          value instanceof GenericContainer container
                  && container.getSchema().getFullName().equals(branch.getFullName())
              || value instanceof Enum<?> symbol
                  && symbol.getDeclaringClass().getSimpleName().equals(branch.getName());
      case ARRAY -> value instanceof Collection<?>;
      case MAP -> value instanceof Map<?, ?>;
      case STRING -> value instanceof CharSequence;
      case BYTES -> value instanceof ByteBuffer || value instanceof BigDecimal;
      case INT ->
          value instanceof Integer || value instanceof LocalDate || value instanceof LocalTime;
      case LONG ->
          value instanceof Long
              || value instanceof Instant
              || value instanceof LocalDateTime
              || value instanceof LocalTime;
      case FLOAT -> value instanceof Float;
      case DOUBLE -> value instanceof Double;
      case BOOLEAN -> value instanceof Boolean;
      case UNION, NULL -> false;
    };
  }
}
