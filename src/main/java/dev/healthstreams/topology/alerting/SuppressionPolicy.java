package dev.healthstreams.topology.alerting;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Decides whether an alert repeats one already emitted for the same patient and suppress-group. A
 * repeat is suppressed when it falls within the rule's suppress-for of the last emitted alert
 * (either side: records arrive out of order) and is not more severe than it, so that a critical
 * tier still breaks through after a high one. Times are event times, never wall-clock time, so
 * replays and backtests suppress exactly as live traffic did.
 *
 * <p>Only emitted alerts become state ({@link #stateAfterEmitting}); a suppressed one leaves the
 * state as it was, so a steady stream of repeats alerts again once per suppress-for instead of
 * being silenced for as long as it lasts.
 */
public final class SuppressionPolicy {

  private final long retentionMillis;

  /** A policy whose states are kept as long as the longest suppress-for among {@code rules}. */
  public SuppressionPolicy(Collection<AlertRule> rules) {
    this.retentionMillis =
        rules.stream()
            .map(AlertRule::suppressFor)
            .filter(Objects::nonNull)
            .mapToLong(Duration::toMillis)
            .max()
            .orElse(0L);
  }

  /**
   * Whether to emit a new alert.
   *
   * @param prior the last emitted alert of the group for the patient, null when none is kept
   * @param suppressFor the new alert's rule's window; null or zero never suppresses
   */
  public boolean shouldEmit(
      SuppressionState prior, long eventTime, Severity severity, Duration suppressFor) {
    if (prior == null || suppressFor == null || suppressFor.isZero()) {
      return true;
    }
    long distance = Math.abs(eventTime - prior.eventTime());
    boolean withinWindow = distance < suppressFor.toMillis();
    return !withinWindow || severity.isHigherThan(prior.severity());
  }

  /** The state to store once an alert has been emitted. */
  public SuppressionState stateAfterEmitting(long eventTime, Severity severity) {
    return new SuppressionState(eventTime, severity);
  }

  /**
   * Whether a state can be dropped: once it is a full longest-suppress-for behind {@code
   * streamTime}, no in-order alert of any group can fall within its window. An alert arriving later
   * than that out of order is then emitted rather than suppressed, the safe side.
   */
  public boolean isExpired(SuppressionState state, long streamTime) {
    return streamTime - state.eventTime() >= retentionMillis;
  }

  /** How long states must be kept (the longest suppress-for); zero when nothing suppresses. */
  public Duration retention() {
    return Duration.ofMillis(retentionMillis);
  }
}
