package dev.healthstreams.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FhirDateTimesTest {

  @Test
  void shouldReadDateTimesWithTheirZones() {
    assertReadsAs("2024-04-17T10:15:30Z", "2024-04-17T10:15:30Z");
    assertReadsAs("2024-04-17T08:15:30Z", "2024-04-17T10:15:30+02:00");
    assertReadsAs("2024-04-17T15:45:30.500Z", "2024-04-17T10:15:30.5-05:30");
    assertReadsAs("1969-12-31T23:59:59.123Z", "1969-12-31T23:59:59.123456789Z");
  }

  @Test
  void shouldReadPartialDatesAsTheStartOfTheirPeriodInUtc() {
    assertReadsAs("2024-01-01T00:00:00Z", "2024");
    assertReadsAs("2024-04-01T00:00:00Z", "2024-04");
    assertReadsAs("2024-04-17T00:00:00Z", "2024-04-17");
  }

  @Test
  void shouldGiveNullForWhatIsNoFhirDateTime() {
    assertNull(FhirDateTimes.toEpochMillis("2024-04-17T10:15:30"), "no zone");
    assertNull(FhirDateTimes.toEpochMillis("2023-02-29T10:15:30Z"), "no such day");
    assertNull(FhirDateTimes.toEpochMillis("2024-04-17T24:00:00Z"));
    assertNull(FhirDateTimes.toEpochMillis("2024-04-17T10:15:30.1234567891Z"), "ten digits");
    assertNull(FhirDateTimes.toEpochMillis("2024-04-17T10:15:30+19:00"));
    assertNull(FhirDateTimes.toEpochMillis("yesterday"));
    assertNull(FhirDateTimes.toEpochMillis(null));
  }

  /** {@code value} read as the instant {@code expected} (ISO-8601 in UTC) gives. */
  private static void assertReadsAs(String expected, String value) {
    assertEquals(Instant.parse(expected).toEpochMilli(), FhirDateTimes.toEpochMillis(value), value);
  }

  /**
   * Every shape, good and broken, gives what java.time's ISO offset parser gives (null where it
   * refuses): the position-by-position reading is only a faster way to the same answer.
   */
  @Test
  void shouldAgreeWithJavaTimeOnGeneratedValues() {
    Random random = new Random(20261130);
    for (int i = 0; i < 50_000; i++) {
      String value = generated(random);
      assertEquals(javaTime(value), FhirDateTimes.toEpochMillis(value), value);
    }
  }

  private static Long javaTime(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String generated(Random random) {
    StringBuilder value =
        new StringBuilder()
            .append(String.format("%04d", random.nextInt(10_000)))
            .append('-')
            .append(String.format("%02d", random.nextInt(14)))
            .append('-')
            .append(String.format("%02d", random.nextInt(33)))
            .append('T')
            .append(String.format("%02d", random.nextInt(26)))
            .append(':')
            .append(String.format("%02d", random.nextInt(62)))
            .append(':')
            .append(String.format("%02d", random.nextInt(62)));
    if (random.nextInt(3) == 0) {
      value.append('.');
      int digits = random.nextInt(11);
      for (int d = 0; d < digits; d++) {
        value.append((char) ('0' + random.nextInt(10)));
      }
    }
    switch (random.nextInt(5)) {
      case 0 -> value.append('Z');
      case 1 ->
          value
              .append(random.nextBoolean() ? '+' : '-')
              .append(String.format("%02d:%02d", random.nextInt(20), random.nextInt(62)));
      case 2 -> value.append("+00:00");
      case 3 -> value.append(random.nextBoolean() ? "-00:00" : "+05");
      default -> {}
    }
    if (random.nextInt(20) == 0) { // a character out of place
      int at = random.nextInt(value.length());
      value.setCharAt(at, "x-:T.9+Z ".charAt(random.nextInt(9)));
    }
    return value.toString();
  }
}
