package dev.healthstreams.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records in the Confluent wire format. The schema is registered under the topic's subject
 * on first use and its id cached, so the hot path makes no registry calls. Safe to share between
 * stream threads: caches are concurrent and the encoder is per thread.
 */
final class AvroSerializer<T> implements Serializer<T> {
  private final SchemaRegistryClient registry;
  private final String subjectSuffix;
  private final Function<T, Schema> schemaOf;
  private final Function<Schema, DatumWriter<T>> writerFactory;
  private final ConcurrentMap<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  private record TopicSchema(String topic, Schema schema) {}

  AvroSerializer(
      SchemaRegistryClient registry,
      boolean isKey,
      Function<T, Schema> schemaOf,
      Function<Schema, DatumWriter<T>> writerFactory) {
    this.registry = registry;
    this.subjectSuffix = isKey ? "-key" : "-value";
    this.schemaOf = schemaOf;
    this.writerFactory = writerFactory;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Schema schema = schemaOf.apply(data);
    int id =
        ids.computeIfAbsent(
            new TopicSchema(topic, schema),
            key -> registry.register(topic + subjectSuffix, schema));
    DatumWriter<T> writer = writers.computeIfAbsent(schema, writerFactory);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(ConfluentWireFormat.header(id));
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
      encoders.set(encoder);
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      // Avro messages can quote the offending datum (PHI): keep only the type of failure.
      throw new SerializationException(
          "cannot write "
              + schema.getFullName()
              + " to topic "
              + topic
              + ": "
              + e.getClass().getSimpleName());
    }
    return out.toByteArray();
  }
}
