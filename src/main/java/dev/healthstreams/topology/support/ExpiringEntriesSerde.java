package dev.healthstreams.topology.support;

import dev.healthstreams.topology.support.ExpiringEntryStore.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link ExpiringEntryStore}'s values: a count, then per entry its arrival (8 bytes), the value's
 * UTF-8 length (4 bytes) and bytes. Binary, so a value may hold any character.
 */
final class ExpiringEntriesSerde implements Serde<List<Entry>> {
  @Override
  public Serializer<List<Entry>> serializer() {
    return (topic, entries) -> entries == null ? null : write(entries);
  }

  @Override
  public Deserializer<List<Entry>> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(ByteBuffer.wrap(bytes));
  }

  static byte[] write(List<Entry> entries) {
    List<byte[]> values = new ArrayList<>(entries.size());
    int size = Integer.BYTES;
    for (Entry entry : entries) {
      byte[] value = entry.value().getBytes(StandardCharsets.UTF_8);
      values.add(value);
      size += Long.BYTES + Integer.BYTES + value.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).putInt(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      byte[] value = values.get(i);
      buffer.putLong(entries.get(i).arrival()).putInt(value.length).put(value);
    }
    return buffer.array();
  }

  static List<Entry> read(ByteBuffer buffer) {
    int count = buffer.getInt();
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long arrival = buffer.getLong();
      byte[] value = new byte[buffer.getInt()];
      buffer.get(value);
      entries.add(new Entry(arrival, new String(value, StandardCharsets.UTF_8)));
    }
    return List.copyOf(entries);
  }
}
