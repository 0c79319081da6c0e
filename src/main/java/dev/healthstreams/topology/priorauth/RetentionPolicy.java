package dev.healthstreams.topology.priorauth;

import java.time.Duration;

/**
 * How long a PA is kept after its last change (CMS-0057-F: a year after the last status change):
 * then its view is deleted and tombstoned.
 */
public record RetentionPolicy(Duration afterLastChange) {
  public static final Duration DEFAULT = Duration.ofDays(365);

  /** When a PA last changed at {@code lastUpdatedAt} (its largest statusTimestamp) goes. */
  public long dueAt(long lastUpdatedAt) {
    long after = afterLastChange.toMillis();
    return lastUpdatedAt > Long.MAX_VALUE - after ? Long.MAX_VALUE : lastUpdatedAt + after;
  }

  public boolean isDue(long lastUpdatedAt, long now) {
    return dueAt(lastUpdatedAt) <= now;
  }
}
