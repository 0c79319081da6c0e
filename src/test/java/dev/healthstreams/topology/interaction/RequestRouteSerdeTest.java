package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.UndoLog;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestRouteSerdeTest {

  private final RequestRouteSerde serde = new RequestRouteSerde();

  @ParameterizedTest
  @CsvSource(
      value = {"p1,false", "p1,true", "NULL,true", "NULL,false", "Pätient-ü,true"},
      nullValues = "NULL")
  void shouldReadBackWhatItWrote(String patient, boolean joined) {
    RequestRoute route = new RequestRoute(patient, joined);

    byte[] bytes = serde.serializer().serialize("t", route);

    assertEquals(route, serde.deserializer().deserialize("t", bytes));
  }

  @Test
  void shouldWriteAFlagByteThenThePatientIdInUtf8() {
    // 1 = joined, 2 = has a patient; "p1" is 0x70 0x31.
    assertArrayEquals(
        new byte[] {3, 0x70, 0x31},
        serde.serializer().serialize("t", new RequestRoute("p1", true)));
    assertArrayEquals(
        new byte[] {1}, serde.serializer().serialize("t", new RequestRoute(null, true)));
  }

  @Test
  void shouldReadBackARouteWithAnUndoLog() {
    UndoLog<String> undo =
        UndoLog.of(
            List.of(
                new UndoLog.Entry<>(new InputPosition("fhir.medicationrequest", 3, 41L), null),
                new UndoLog.Entry<>(new InputPosition("fhir.medicationrequest", 3, 42L), "p1")));
    for (RequestRoute route :
        List.of(new RequestRoute("Pätient-ü", true, undo), new RequestRoute(null, false, undo))) {
      byte[] bytes = serde.serializer().serialize("t", route);

      assertEquals(4, bytes[0] & 4, "flagged as having an undo log");
      assertEquals(route, serde.deserializer().deserialize("t", bytes));
    }
  }

  @Test
  void shouldRejectATruncatedUndoLog() {
    UndoLog<String> undo =
        UndoLog.of(List.of(new UndoLog.Entry<>(new InputPosition("t", 0, 1L), "p1")));
    byte[] bytes = serde.serializer().serialize("t", new RequestRoute("p2", false, undo));

    assertThrows(
        IllegalArgumentException.class,
        () -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)));
  }

  @Test
  void shouldTellAnEmptyPatientIdFromNone() {
    RequestRoute empty = new RequestRoute("", false);

    assertEquals(
        empty, serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty)));
  }

  @Test
  void shouldPassNullsAndRejectAnEmptyValue() {
    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
    assertThrows(
        IllegalArgumentException.class, () -> serde.deserializer().deserialize("t", new byte[0]));
  }
}
