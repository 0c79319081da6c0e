package dev.healthstreams.serde;

import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: looks the writer schema up once per id and keeps one resolving
 * reader per id. Bad bytes become {@link BadRecordException}s; registry outages stay {@link
 * SchemaRegistryException}s because they say nothing about the record.
 */
final class AvroDeserializer<T> implements Deserializer<T> {
  private final SchemaRegistryClient registry;
  private final Function<Schema, DatumReader<T>> readerFactory;
  private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  /** {@code readerFactory} turns a writer schema into a reader that resolves it. */
  AvroDeserializer(SchemaRegistryClient registry, Function<Schema, DatumReader<T>> readerFactory) {
    this.registry = registry;
    this.readerFactory = readerFactory;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = ConfluentWireFormat.schemaId(data, topic);
    DatumReader<T> reader =
        readers.computeIfAbsent(id, key -> readerFactory.apply(registry.schemaById(key)));
    int payloadOffset = ConfluentWireFormat.HEADER_SIZE;
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(data, payloadOffset, data.length - payloadOffset, decoders.get());
      decoders.set(decoder);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      // Avro's messages can echo decoded text; the exception type is all we keep.
      throw new BadRecordException(
          "corrupt-avro",
          "value on "
              + topic
              + " with schema id "
              + id
              + " is not readable Avro: "
              + e.getClass().getSimpleName());
    }
  }
}
