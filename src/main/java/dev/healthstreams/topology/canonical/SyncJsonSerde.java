package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the topology's own records on its internal topics and in its stores (plain Java records,
 * read and written by Jackson). Only this topology reads them, so they carry no schema id; a field
 * added later reads as null from older state, and unknown fields are ignored.
 */
public final class SyncJsonSerde<T> implements Serde<T> {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Class<T> type;

  public SyncJsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, type);
      } catch (IOException e) {
        // The message would quote the payload: name the type only.
        throw new UncheckedIOException(
            new IOException("cannot read " + type.getSimpleName() + " from " + topic));
      }
    };
  }
}
