package dev.healthstreams.topology.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.errors.BadRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serdes of the consent model: the consent table's values and the FHIR changes on their way to
 * the patient's partition. Internal state, so JSON of the records as they are (unknown fields
 * ignored, so that a field added later reads old state).
 */
final class PatientConsentsSerde {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PatientConsentsSerde() {}

  /**
   * Written by data binding (on consent changes only), read token by token (on every decision),
   * each value decoded once while it stays among the {@link DecodedConsents}.
   */
  static Serde<PatientConsents> consents() {
    Serde<PatientConsents> bound = of(PatientConsents.class);
    DecodedConsents decoded = new DecodedConsents(DecodedConsents.DEFAULT_SLOTS);
    Deserializer<PatientConsents> reader =
        (topic, bytes) -> bytes == null ? null : decoded.read(bytes);
    return Serdes.serdeFrom(bound.serializer(), reader);
  }

  static Serde<ConsentChange> changes() {
    return of(ConsentChange.class);
  }

  private static <T> Serde<T> of(Class<T> type) {
    Serializer<T> serializer =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            return JSON.writeValueAsBytes(value);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return JSON.readValue(bytes, type);
          } catch (IOException e) {
            throw new BadRecordException("bad-state", "cannot read " + type.getSimpleName());
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
