package dev.healthstreams.fhir;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** FHIR date, dateTime and instant values as epoch milliseconds. */
public final class FhirDateTimes {

  private FhirDateTimes() {}

  /**
   * Epoch millis of a FHIR dateTime. A partial date ("2024", "2024-04", "2024-04-17") stands for
   * the start of that period in UTC, since FHIR gives it no zone. Anything unparsable, including a
   * time without a zone (which FHIR forbids), gives null: an odd timestamp must not cost the
   * reading of an otherwise good Observation.
   */
  public static Long toEpochMillis(String value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (value.length()) {
        case 4 -> startOfDay(Integer.parseInt(value), 1, 1);
        case 7 -> yearMonth(value);
        case 10 -> date(value);
        default -> OffsetDateTime.parse(value).toInstant().toEpochMilli();
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  private static Long yearMonth(String value) {
    if (value.charAt(4) != '-') {
      return null;
    }
    return startOfDay(
        Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(5, 7)), 1);
  }

  private static Long date(String value) {
    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static Long startOfDay(int year, int month, int day) {
    if (year < 1 || month < 1 || month > 12) {
      return null;
    }
    return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
