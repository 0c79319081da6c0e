package dev.healthstreams.serde;

import dev.healthstreams.errors.BadRecordException;
import java.nio.ByteBuffer;

/**
 * The Confluent framing around an Avro payload: byte 0 is the magic 0, bytes 1-4 the schema id
 * (big-endian), the rest the Avro binary encoding.
 */
final class ConfluentWireFormat {
  static final byte MAGIC = 0;
  static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  /** Whether the bytes look framed (magic byte and room for an id); says nothing of the payload. */
  static boolean isFramed(byte[] data) {
    return data != null && data.length >= HEADER_SIZE && data[0] == MAGIC;
  }

  /** The schema id of framed bytes; throws "corrupt-avro" when they are not framed. */
  static int schemaId(byte[] data, String topic) {
    if (data.length < HEADER_SIZE) {
      throw new BadRecordException(
          "corrupt-avro",
          "value on " + topic + " is " + data.length + " bytes, shorter than the Avro header");
    }
    if (data[0] != MAGIC) {
      throw new BadRecordException(
          "corrupt-avro", "value on " + topic + " has magic byte " + data[0] + ", expected 0");
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }

  static void writeHeader(ByteBuffer target, int schemaId) {
    target.put(MAGIC).putInt(schemaId);
  }

  static byte[] header(int schemaId) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
    writeHeader(header, schemaId);
    return header.array();
  }
}
