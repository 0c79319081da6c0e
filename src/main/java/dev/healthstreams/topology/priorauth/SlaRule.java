package dev.healthstreams.topology.priorauth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One SLA clock: it starts when a PA enters a {@code from} status while it is not running, and
 * stops when the PA enters an {@code until} status (or a final one).
 *
 * @param urgentWithin the timeframe for a PA urgent when the clock starts; null: {@code within}
 * @param maxExtension the most that timeframe extensions may add to one clock, in total
 */
public record SlaRule(
    String id,
    Set<PriorAuthStatus> from,
    Set<PriorAuthStatus> until,
    Duration within,
    Duration urgentWithin,
    Duration maxExtension) {
  public static final Duration DEFAULT_MAX_EXTENSION = Duration.ofDays(14);

  public SlaRule {
    from = Set.copyOf(from);
    until = Set.copyOf(until);
  }

  /**
   * The CMS-0057-F decision timeframes (7 days standard, 72 hours expedited) and a 14-day window
   * for the requester to send what the payer asked for.
   */
  public static List<SlaRule> defaults() {
    return List.of(
        new SlaRule(
            "determination",
            Set.of(PriorAuthStatus.SUBMITTED, PriorAuthStatus.APPEALED),
            Set.of(
                PriorAuthStatus.APPROVED,
                PriorAuthStatus.PARTIALLY_APPROVED,
                PriorAuthStatus.MODIFIED,
                PriorAuthStatus.DENIED,
                PriorAuthStatus.CANCELLED),
            Duration.ofDays(7),
            Duration.ofHours(72),
            DEFAULT_MAX_EXTENSION),
        new SlaRule(
            "additional-info",
            Set.of(PriorAuthStatus.ADDITIONAL_INFO_REQUIRED),
            Set.of(
                PriorAuthStatus.SUBMITTED,
                PriorAuthStatus.DENIED,
                PriorAuthStatus.CANCELLED,
                PriorAuthStatus.EXPIRED),
            Duration.ofDays(14),
            null,
            DEFAULT_MAX_EXTENSION));
  }

  /** The timeframe of a clock started for a PA that is (or is not) urgent at that moment. */
  public Duration timeframe(boolean urgent) {
    return urgent && urgentWithin != null ? urgentWithin : within;
  }
}
