package dev.healthstreams.fhir;

import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** FHIR date, dateTime and instant values as epoch milliseconds. */
public final class FhirDateTimes {

  // Not a time instant() reads: 292 million years before 1970.
  private static final long NOT_FAST = Long.MIN_VALUE;

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
        default -> {
          long fast = instant(value);
          yield fast != NOT_FAST ? fast : OffsetDateTime.parse(value).toInstant().toEpochMilli();
        }
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * The common shape, {@code yyyy-MM-ddTHH:mm:ss[.S{1,9}](Z|±HH:mm)}, read by position: java.time's
   * parser took a fifth of a stream thread's time reading Observations (JFR, bench 2026-11-30), for
   * every record, matched or not. {@link #NOT_FAST} for anything else, or any field out of range,
   * which {@link OffsetDateTime#parse} then decides as before.
   */
  private static long instant(String value) {
    int length = value.length();
    if (length < 20
        || value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || value.charAt(10) != 'T'
        || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return NOT_FAST;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 2);
    int day = digits(value, 8, 2);
    int hour = digits(value, 11, 2);
    int minute = digits(value, 14, 2);
    int second = digits(value, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_FAST;
    }
    int at = 19;
    long nanos = 0;
    if (value.charAt(at) == '.') {
      int from = ++at;
      while (at < length && at - from < 9 && isDigit(value.charAt(at))) {
        nanos = nanos * 10 + (value.charAt(at++) - '0');
      }
      if (at == from) {
        return NOT_FAST;
      }
      for (int scale = at - from; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = offsetSeconds(value, at);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return NOT_FAST;
    }
    long epochSecond =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return epochSecond * 1_000L + nanos / 1_000_000L;
  }

  /** The offset that ends {@code value} at {@code at}: Z or ±HH:mm; MIN_VALUE for any other. */
  private static int offsetSeconds(String value, int at) {
    int rest = value.length() - at;
    char sign = rest > 0 ? value.charAt(at) : ' ';
    if (sign == 'Z' && rest == 1) {
      return 0;
    }
    if ((sign != '+' && sign != '-') || rest != 6 || value.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(value, at + 1, 2);
    int minutes = digits(value, at + 4, 2);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** The number written by {@code count} ASCII digits from {@code from}; -1 if any is not one. */
  private static int digits(String value, int from, int count) {
    int number = 0;
    for (int i = from; i < from + count; i++) {
      char c = value.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
