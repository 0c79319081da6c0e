package dev.healthstreams.serde;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.errors.BadRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The inverse of {@link AvroJson}: plain JSON as {@code tail} prints an Avro record (schema field
 * names, unions unwrapped, enums as symbols, bytes as base64, logical types as the number Avro
 * stores) back into a record of a generated class. Timestamps and dates may also be ISO-8601
 * strings, which people write by hand. Strict: an unknown field, a missing field without a default
 * or a value of the wrong type is a {@link BadRecordException} naming the field's path, never its
 * value (it may be PHI).
 */
public final class AvroFromJson {
  public static final String REASON = "not-avro-json";

  private static final GenericData RAW = new GenericData();
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroFromJson() {}

  public static <V extends SpecificRecord> V read(JsonNode json, Class<V> type) {
    Schema schema = schemaOf(type);
    Object datum = convert(json, schema, "$");
    // The generated class applies its own logical-type conversions (Instant, LocalDate...) when it
    // reads Avro binary, so going through the binary form avoids repeating them here.
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new GenericDatumWriter<>(schema, RAW).write(datum, encoder);
      encoder.flush();
      return new SpecificDatumReader<>(type)
          .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The string field that identifies a record: {@code id}, else the first {@code ...Id} field. */
  public static String idField(Class<? extends SpecificRecord> type) {
    String found = null;
    for (Schema.Field field : schemaOf(type).getFields()) {
      if (!isString(field.schema())) {
        continue;
      }
      if (field.name().equals("id")) {
        return field.name();
      }
      if (found == null && field.name().endsWith("Id")) {
        found = field.name();
      }
    }
    return found;
  }

  private static boolean isString(Schema schema) {
    return schema.getType() == Schema.Type.STRING
        || schema.getType() == Schema.Type.UNION
            && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.STRING);
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> type) {
    try {
      return ((SpecificRecordBase) type.getDeclaredConstructor().newInstance()).getSchema();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("not a generated Avro record class: " + type, e);
    }
  }

  private static Object convert(JsonNode json, Schema schema, String path) {
    return switch (schema.getType()) {
      case RECORD -> record(json, schema, path);
      case UNION -> union(json, schema, path);
      case ARRAY -> array(json, schema.getElementType(), path);
      case MAP -> map(json, schema.getValueType(), path);
      case ENUM -> enumSymbol(json, schema, path);
      case STRING -> require(json.isTextual(), json, path, "a string").asText();
      case BYTES -> bytes(json, schema, path);
      case FIXED -> fixed(json, schema, path);
      case INT -> intValue(json, schema.getLogicalType(), path);
      case LONG -> longValue(json, schema.getLogicalType(), path);
      case FLOAT -> (float) floating(json, path);
      case DOUBLE -> floating(json, path);
      case BOOLEAN -> require(json.isBoolean(), json, path, "true or false").asBoolean();
      case NULL -> {
        require(json.isNull(), json, path, "null");
        yield null;
      }
    };
  }

  private static GenericData.Record record(JsonNode json, Schema schema, String path) {
    require(json.isObject(), json, path, "an object");
    GenericData.Record record = new GenericData.Record(schema);
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        // The name is the input's, not the schema's: it could be anything, so it is not repeated.
        throw bad(path + " has a field that is not in " + schema.getName());
      }
    }
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = path + "." + field.name();
      JsonNode value = json.get(field.name());
      if (value != null) {
        record.put(field.pos(), convert(value, field.schema(), fieldPath));
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), RAW.deepCopy(field.schema(), RAW.getDefaultValue(field)));
      } else {
        throw bad(fieldPath + " is missing");
      }
    }
    return record;
  }

  /** Unwrapped: the first branch the value fits, null only for an explicit null. */
  private static Object union(JsonNode json, Schema union, String path) {
    for (Schema branch : union.getTypes()) {
      if (json.isNull() != (branch.getType() == Schema.Type.NULL)) {
        continue;
      }
      try {
        return convert(json, branch, path);
      } catch (BadRecordException notThisBranch) {
        // try the next branch
      }
    }
    throw bad(path + " fits no branch of its union");
  }

  private static List<Object> array(JsonNode json, Schema items, String path) {
    require(json.isArray(), json, path, "an array");
    List<Object> list = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      list.add(convert(json.get(i), items, path + "[" + i + "]"));
    }
    return list;
  }

  private static Map<String, Object> map(JsonNode json, Schema values, String path) {
    require(json.isObject(), json, path, "an object");
    // Map keys are data, not schema: the path names the map, never the key.
    Map<String, Object> map = new LinkedHashMap<>();
    json.fields()
        .forEachRemaining(e -> map.put(e.getKey(), convert(e.getValue(), values, path + "{}")));
    return map;
  }

  private static GenericData.EnumSymbol enumSymbol(JsonNode json, Schema schema, String path) {
    require(json.isTextual() && schema.hasEnumSymbol(json.asText()), json, path, "a symbol");
    return new GenericData.EnumSymbol(schema, json.asText());
  }

  private static ByteBuffer bytes(JsonNode json, Schema schema, String path) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      require(json.isNumber(), json, path, "a number");
      BigDecimal value = json.decimalValue().setScale(decimal.getScale());
      return DECIMALS.toBytes(value, schema, decimal);
    }
    return ByteBuffer.wrap(base64(json, path));
  }

  private static GenericData.Fixed fixed(JsonNode json, Schema schema, String path) {
    byte[] bytes = base64(json, path);
    if (bytes.length != schema.getFixedSize()) {
      throw bad(path + " must be " + schema.getFixedSize() + " bytes");
    }
    return new GenericData.Fixed(schema, bytes);
  }

  private static byte[] base64(JsonNode json, String path) {
    require(json.isTextual(), json, path, "base64 text");
    try {
      return Base64.getDecoder().decode(json.asText());
    } catch (IllegalArgumentException e) {
      throw bad(path + " is not base64");
    }
  }

  private static int intValue(JsonNode json, LogicalType logical, String path) {
    if (json.isTextual() && logical instanceof LogicalTypes.Date) {
      try {
        return Math.toIntExact(LocalDate.parse(json.asText()).toEpochDay());
      } catch (DateTimeParseException e) {
        throw bad(path + " is not an ISO-8601 date");
      }
    }
    require(json.canConvertToInt() && json.isIntegralNumber(), json, path, "an int");
    return json.intValue();
  }

  private static long longValue(JsonNode json, LogicalType logical, String path) {
    String name = logical == null ? "" : logical.getName();
    if (json.isTextual() && name.startsWith("timestamp")) {
      try {
        Instant instant = Instant.parse(json.asText());
        return name.endsWith("-micros")
            ? ChronoUnit.MICROS.between(Instant.EPOCH, instant)
            : instant.toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw bad(path + " is not an ISO-8601 instant");
      }
    }
    require(json.canConvertToLong() && json.isIntegralNumber(), json, path, "a long");
    return json.longValue();
  }

  /** Numbers, or the "NaN" and "Infinity" spellings {@link AvroJson} writes. */
  private static double floating(JsonNode json, String path) {
    if (json.isTextual()) {
      return switch (json.asText()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw bad(path + " must be a number");
      };
    }
    require(json.isNumber(), json, path, "a number");
    return json.doubleValue();
  }

  private static JsonNode require(boolean ok, JsonNode json, String path, String expected) {
    if (!ok) {
      throw bad(path + " must be " + expected + ", not " + json.getNodeType().name().toLowerCase());
    }
    return json;
  }

  /** Paths and types only: the value itself may identify a patient. */
  private static BadRecordException bad(String message) {
    return new BadRecordException(REASON, message);
  }
}
