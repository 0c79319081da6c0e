package dev.healthstreams.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A generated record as plain Avro binary (no registry, no schema id) and back: how records travel
 * between the job's operators. Writer and reader schema are the class's own, in one process and
 * version. Not thread-safe: one per operator instance.
 */
final class AvroBytes<T extends SpecificRecord> {
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  AvroBytes(Class<T> type) {
    // The class's own model carries its logical-type conversions (timestamp-millis -> Instant).
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, data);
    this.reader = new SpecificDatumReader<>(schema, schema, data);
  }

  byte[] encode(T record) {
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getSchema().getName(), e);
    }
    return buffer.toByteArray();
  }

  T decode(byte[] bytes) {
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    try {
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode an Avro record", e);
    }
  }
}
