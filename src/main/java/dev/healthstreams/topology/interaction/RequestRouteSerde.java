package dev.healthstreams.topology.interaction;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link RequestRoute} as one flag byte and the patient id in UTF-8: the store holds one per
 * request id ever seen, so it is kept small and off the schema registry.
 */
final class RequestRouteSerde extends Serdes.WrapperSerde<RequestRoute> {
  private static final byte JOINED = 1;
  private static final byte HAS_PATIENT = 2;

  RequestRouteSerde() {
    super(encoder(), decoder());
  }

  private static Serializer<RequestRoute> encoder() {
    return (topic, route) -> {
      if (route == null) {
        return null;
      }
      byte[] patient =
          route.patientId() == null
              ? new byte[0]
              : route.patientId().getBytes(StandardCharsets.UTF_8);
      byte[] bytes = new byte[1 + patient.length];
      bytes[0] =
          (byte)
              ((route.viaMedicationJoin() ? JOINED : 0)
                  | (route.patientId() == null ? 0 : HAS_PATIENT));
      System.arraycopy(patient, 0, bytes, 1, patient.length);
      return bytes;
    };
  }

  private static Deserializer<RequestRoute> decoder() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length == 0) {
        throw new IllegalArgumentException("empty request route");
      }
      String patient =
          (bytes[0] & HAS_PATIENT) == 0
              ? null
              : new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      return new RequestRoute(patient, (bytes[0] & JOINED) != 0);
    };
  }
}
