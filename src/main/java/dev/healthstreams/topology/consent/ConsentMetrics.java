package dev.healthstreams.topology.consent;

import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code healthstreams_consent_decisions_total{decision,reason}}, {@code
 * healthstreams_consent_anomalies_total{reason}} (revokes of unknown consents, grants after a
 * revoke, expiries of unknown consents, grants that permit no one: {@code grant-permits-nothing})
 * and {@code healthstreams_consent_expiries_total{outcome}} ({@code expired}, and {@code resent}
 * under at-least-once).
 */
public final class ConsentMetrics {
  private final Counters decisions;
  private final Counters anomalies;
  private final Counters expiries;

  public ConsentMetrics(MeterRegistry registry) {
    decisions =
        new Counters(
            registry,
            "healthstreams.consent.decisions",
            "consent decisions by outcome and reason",
            "decision",
            "reason");
    anomalies =
        new Counters(
            registry,
            "healthstreams.consent.anomalies",
            "consent changes kept or ignored because of their order or content",
            "reason");
    expiries =
        new Counters(
            registry,
            "healthstreams.consent.expiries",
            "expired events the expiry punctuator sent, first or again",
            "outcome");
  }

  public void decided(Decision decision) {
    decisions.increment(decision.verdict().name(), decision.reason().name());
  }

  public void anomaly(String reason) {
    anomalies.increment(reason);
  }

  /** An expired event sent: {@code expired} the first time, {@code resent} after a crash. */
  public void expiry(String outcome) {
    expiries.increment(outcome);
  }
}
