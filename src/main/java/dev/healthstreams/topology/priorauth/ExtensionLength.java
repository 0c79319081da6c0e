package dev.healthstreams.topology.priorauth;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a payer's timeframe extension is: any ISO-8601 duration, {@code P14D}, {@code PT72H},
 * {@code P2W} and {@code P1M} alike. {@link Duration#parse} alone refuses weeks, months and years,
 * which payers do send. Calendar parts are counted in UTC from the moment the extension was granted
 * (the event's {@code statusTimestamp}), so a month granted on 31 January is 28 or 29 days and a
 * replay gives the same length.
 */
final class ExtensionLength {
  // The date part (years, months, weeks, days) and the time part, as ISO 8601 writes them.
  private static final Pattern ISO =
      Pattern.compile(
          "P((?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?)(?:T(.+))?", Pattern.CASE_INSENSITIVE);

  private ExtensionLength() {}

  /**
   * @param iso the extension as sent
   * @param grantedAt epoch ms the calendar parts are counted from
   * @return the length in ms, never negative
   * @throws DateTimeParseException when {@code iso} is no ISO-8601 duration (a negative one is none
   *     here: an extension does not shorten a timeframe)
   */
  static long millis(String iso, long grantedAt) {
    Matcher parts = ISO.matcher(iso.strip());
    if (!parts.matches() || (parts.group(1).isEmpty() && parts.group(2) == null)) {
      throw new DateTimeParseException("not an ISO-8601 duration", iso, 0);
    }
    Period date = parts.group(1).isEmpty() ? Period.ZERO : Period.parse("P" + parts.group(1));
    Duration time = parts.group(2) == null ? Duration.ZERO : Duration.parse("PT" + parts.group(2));
    if (time.isNegative()) {
      throw new DateTimeParseException("a negative extension", iso, 0);
    }
    ZonedDateTime from = Instant.ofEpochMilli(grantedAt).atZone(ZoneOffset.UTC);
    return Duration.between(from, from.plus(date).plus(time)).toMillis();
  }
}
