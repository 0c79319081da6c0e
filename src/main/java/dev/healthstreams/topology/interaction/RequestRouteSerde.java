package dev.healthstreams.topology.interaction;

import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.UndoLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link RequestRoute} as one flag byte and the patient id in UTF-8: the store holds one per
 * request id ever seen, so it is kept small and off the schema registry. A route with an undo log
 * (at-least-once, a few records after a move or a delete) has the patient and the log after the
 * flag in {@link DataOutputStream}'s encoding instead.
 */
final class RequestRouteSerde extends Serdes.WrapperSerde<RequestRoute> {
  private static final byte JOINED = 1;
  private static final byte HAS_PATIENT = 2;
  private static final byte HAS_UNDO = 4;

  RequestRouteSerde() {
    super(encoder(), decoder());
  }

  private static Serializer<RequestRoute> encoder() {
    return (topic, route) -> {
      if (route == null) {
        return null;
      }
      byte flags =
          (byte)
              ((route.viaMedicationJoin() ? JOINED : 0)
                  | (route.patientId() == null ? 0 : HAS_PATIENT)
                  | (route.patientUndo().isEmpty() ? 0 : HAS_UNDO));
      return route.patientUndo().isEmpty() ? compact(flags, route) : withUndo(flags, route);
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
      boolean joined = (bytes[0] & JOINED) != 0;
      boolean hasPatient = (bytes[0] & HAS_PATIENT) != 0;
      if ((bytes[0] & HAS_UNDO) != 0) {
        return readWithUndo(bytes, hasPatient, joined);
      }
      String patient =
          hasPatient ? new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8) : null;
      return new RequestRoute(patient, joined);
    };
  }

  private static byte[] compact(byte flags, RequestRoute route) {
    byte[] patient =
        route.patientId() == null
            ? new byte[0]
            : route.patientId().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[1 + patient.length];
    bytes[0] = flags;
    System.arraycopy(patient, 0, bytes, 1, patient.length);
    return bytes;
  }

  private static byte[] withUndo(byte flags, RequestRoute route) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(flags);
      if (route.patientId() != null) { // HAS_PATIENT says whether it is there
        out.writeUTF(route.patientId());
      }
      List<UndoLog.Entry<String>> entries = route.patientUndo().entries();
      out.writeInt(entries.size());
      for (UndoLog.Entry<String> entry : entries) {
        out.writeUTF(entry.changedBy().topic());
        out.writeInt(entry.changedBy().partition());
        out.writeLong(entry.changedBy().offset());
        writeNullable(out, entry.before());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static RequestRoute readWithUndo(byte[] bytes, boolean hasPatient, boolean joined) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      String patient = hasPatient ? in.readUTF() : null;
      int count = in.readInt();
      if (count < 0 || count > bytes.length) { // each entry takes more than a byte
        throw new IllegalArgumentException("request route's undo log has a bad length");
      }
      List<UndoLog.Entry<String>> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        InputPosition changedBy = new InputPosition(in.readUTF(), in.readInt(), in.readLong());
        entries.add(new UndoLog.Entry<>(changedBy, readNullable(in)));
      }
      return new RequestRoute(patient, joined, UndoLog.of(entries));
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated request route", e);
    }
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
