package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An access request read once on arrival: whether its key is its patient (else it takes the
 * repartition hop), what a request that cannot be read fails with, and the hop carrying its bytes
 * unchanged. Expected answers by hand.
 */
class ReceivedRequestTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} / {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p1 | {\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"} | true",
        "p2 | {\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"} | false",
        // The requester's fields are not the patient's; unknown fields are skipped.
        "p1 | {\"requestId\":\"r\",\"purpose\":\"T\",\"requester\":{\"patientId\":\"p2\"},"
            + "\"patientId\":\"p1\",\"x\":[1,{\"y\":2}]} | true",
        "p2 | {\"requestId\":\"r\",\"purpose\":\"T\",\"requester\":{\"patientId\":\"p2\"},"
            + "\"patientId\":\"p1\"} | false",
        // A repeated field counts by its last value.
        "p1 | {\"requestId\":\"r\",\"purpose\":\"T\",\"patientId\":\"p2\",\"patientId\":\"p1\"} | true",
        "123 | {\"requestId\":\"r\",\"purpose\":\"T\",\"patientId\":123} | true",
      })
  void isKeyedByThePatientItNames(String key, String json, boolean expected) {
    assertEquals(expected, ReceivedRequest.of(utf8(json), 0L).keyedBy(key));
  }

  @Test
  void aRequestWithNoKeyIsNotKeyedByItsPatient() {
    byte[] json = utf8("{\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"}");
    assertEquals(false, ReceivedRequest.of(json, 0L).keyedBy(null));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"patientId\":\"p1\",\"purpose\": | not-json",
        "{\"patientId\":\"p1\" | not-json",
        "[\"p1\"] | not-json",
        "not json | not-json",
        "{\"requestId\":\"r\",\"purpose\":\"T\",\"patientId\":{}} | no-patient",
        "{\"requestId\":\"r\",\"purpose\":\"T\",\"patientId\":\" \"} | no-patient",
        "{\"requestId\":\"r\",\"purpose\":\"T\",\"patientId\":null} | no-patient",
      })
  void aRequestThatCannotBeReadFailsOnArrival(String json, String reason) {
    BadRecordException failure =
        assertThrows(BadRecordException.class, () -> ReceivedRequest.of(utf8(json), 0L));
    assertEquals(reason, failure.reason());
  }

  @Test
  void aRequestWithNoRequestIdIsReadUnderAnIdItsBytesGiveIt() {
    byte[] json = utf8("{\"patientId\":\"p1\",\"purpose\":\"T\"}");
    String expected = "request-" + java.util.UUID.nameUUIDFromBytes(json);

    assertEquals(expected, ReceivedRequest.of(json, 0L).read().requestId());
    assertEquals(
        expected, ReceivedRequest.unread(json.clone()).request(0L).requestId(), "read again");
  }

  @Test
  void aTombstoneCannotBeRead() {
    assertEquals(
        "not-json",
        assertThrows(BadRecordException.class, () -> ReceivedRequest.of(null, 0L)).reason());
  }

  @Test
  void theRepartitionHopCarriesTheBytesAndTheOtherSideReadsThemAtTheRecordTime() {
    byte[] json = utf8("{\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\"}");
    Serde<ReceivedRequest> serde = ReceivedRequestReader.serde();

    byte[] carried = serde.serializer().serialize("hop", ReceivedRequest.of(json, 5L));
    assertArrayEquals(json, carried);
    ReceivedRequest arrived = serde.deserializer().deserialize("hop", carried);
    assertNull(arrived.read());
    // No requestedAt: decided at the record's time, which the hop keeps.
    assertEquals(1_700_000_000_000L, arrived.request(1_700_000_000_000L).query().at());
    assertEquals("p1", arrived.request(0L).query().patientId());

    assertNull(serde.serializer().serialize("hop", null));
    assertNull(serde.deserializer().deserialize("hop", null));
  }

  @Test
  void aRequestReadOnArrivalIsNotReadAgain() {
    byte[] json =
        utf8("{\"requestId\":\"r1\",\"patientId\":\"p1\",\"purpose\":\"TREAT\",\"requestedAt\":7}");
    ReceivedRequest received = ReceivedRequest.of(json, 99L);
    assertEquals(7L, received.request(1L).query().at());
    // The same reading, not a second one.
    assertSame(received.read(), received.request(1L));
  }
}
