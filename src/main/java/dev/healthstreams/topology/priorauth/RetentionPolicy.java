package dev.healthstreams.topology.priorauth;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;

/**
 * How long a PA is kept after its last change (CMS-0057-F: a year after the last status change):
 * then its view is deleted and tombstoned.
 *
 * @param afterLastChange a {@link Duration} (PT12H, P30D) or a calendar {@link Period} (P1Y, P6M),
 *     added in UTC
 */
public record RetentionPolicy(TemporalAmount afterLastChange) {
  public static final Period DEFAULT = Period.ofYears(1);

  /** When a PA last changed at {@code lastUpdatedAt} (its largest statusTimestamp) goes. */
  public long dueAt(long lastUpdatedAt) {
    try {
      return Instant.ofEpochMilli(lastUpdatedAt)
          .atOffset(ZoneOffset.UTC)
          .plus(afterLastChange)
          .toInstant()
          .toEpochMilli();
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Long.MAX_VALUE; // beyond any wall clock
    }
  }

  public boolean isDue(long lastUpdatedAt, long now) {
    return dueAt(lastUpdatedAt) < now; // "older than" the retention: passed, as deadlines are
  }
}
