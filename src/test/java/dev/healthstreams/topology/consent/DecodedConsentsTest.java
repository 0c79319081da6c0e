package dev.healthstreams.topology.consent;

import static dev.healthstreams.topology.consent.ConsentFixtures.T0;
import static dev.healthstreams.topology.consent.ConsentFixtures.org;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.errors.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * Decoded table values remembered by their bytes: the same bytes decode once, and a changed value
 * is never answered with the old one, however the slots collide.
 */
class DecodedConsentsTest {
  private static final Serializer<PatientConsents> WRITER =
      PatientConsentsSerde.consents().serializer();

  private static PatientConsents grantedTo(String patient, String organization) {
    Consent grant =
        ConsentFixtures.grant(
            "g-" + patient,
            T0,
            new Period(T0, null),
            List.of(org(organization)),
            List.of("TREAT"),
            List.of("observations"));
    return new PatientConsents(patient, List.of(ConsentFixtures.history(grant, T0)));
  }

  private static byte[] bytes(PatientConsents consents) {
    return WRITER.serialize("table", consents);
  }

  @Test
  void shouldDecodeTheSameBytesOnce() {
    DecodedConsents decoded = new DecodedConsents(16);
    PatientConsents value = grantedTo("p1", "o1");

    PatientConsents first = decoded.read(bytes(value));
    PatientConsents second = decoded.read(bytes(value));

    assertEquals(value, first);
    assertSame(first, second);
  }

  @Test
  void shouldAnswerAChangedValueWithTheChangedOne() {
    DecodedConsents decoded = new DecodedConsents(16);
    PatientConsents before = grantedTo("p1", "o1");
    PatientConsents after = grantedTo("p1", "o2");
    decoded.read(bytes(before));

    assertEquals(after, decoded.read(bytes(after)));
    assertEquals(before, decoded.read(bytes(before)));
  }

  @Test
  void shouldDecodeEveryValueRightWhenAllShareOneSlot() {
    DecodedConsents decoded = new DecodedConsents(1);
    List<PatientConsents> values =
        List.of(grantedTo("p1", "o1"), grantedTo("p2", "o1"), grantedTo("p1", "o3"));

    for (int round = 0; round < 3; round++) {
      for (PatientConsents value : values) {
        assertEquals(value, decoded.read(bytes(value)));
      }
    }
  }

  @Test
  void shouldRejectBrokenBytesEveryTime() {
    DecodedConsents decoded = new DecodedConsents(16);
    byte[] broken = "{\"patientId\":".getBytes(StandardCharsets.UTF_8);

    assertThrows(BadRecordException.class, () -> decoded.read(broken));
    assertThrows(BadRecordException.class, () -> decoded.read(broken));
  }
}
