package dev.healthstreams.topology.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionPolicyTest {

  private static final long T0 = 1_713_348_900_000L;
  private static final long MINUTE = 60_000L;
  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

  private final SuppressionPolicy policy =
      new SuppressionPolicy(
          List.of(
              rule("tachycardia", Severity.HIGH, THIRTY_MINUTES),
              rule("tachycardia-severe", Severity.CRITICAL, Duration.ofHours(2)),
              rule("fever", Severity.MEDIUM, null)));

  @Test
  void shouldEmitWhenNothingWasEmittedBefore() {
    assertTrue(policy.shouldEmit(null, T0, Severity.HIGH, THIRTY_MINUTES));
  }

  @Test
  void shouldSuppressARepeatOfEqualOrLowerSeverityWithinTheWindow() {
    SuppressionState prior = new SuppressionState(T0, Severity.HIGH);

    assertFalse(policy.shouldEmit(prior, T0 + 29 * MINUTE, Severity.HIGH, THIRTY_MINUTES));
    assertFalse(policy.shouldEmit(prior, T0 + 10 * MINUTE, Severity.MEDIUM, THIRTY_MINUTES));
  }

  @Test
  void shouldSuppressAnOutOfOrderRepeatWithinTheWindow() {
    SuppressionState prior = new SuppressionState(T0, Severity.HIGH);

    assertFalse(policy.shouldEmit(prior, T0 - 5 * MINUTE, Severity.HIGH, THIRTY_MINUTES));
  }

  @Test
  void shouldEmitOnceTheWindowHasPassed() {
    SuppressionState prior = new SuppressionState(T0, Severity.HIGH);

    assertTrue(policy.shouldEmit(prior, T0 + 30 * MINUTE, Severity.HIGH, THIRTY_MINUTES));
    assertTrue(policy.shouldEmit(prior, T0 - 31 * MINUTE, Severity.HIGH, THIRTY_MINUTES));
  }

  @Test
  void shouldEmitAnEscalationWithinTheWindow() {
    SuppressionState prior = new SuppressionState(T0, Severity.HIGH);

    assertTrue(policy.shouldEmit(prior, T0 + MINUTE, Severity.CRITICAL, THIRTY_MINUTES));
  }

  @Test
  void shouldNeverSuppressWithoutAWindow() {
    SuppressionState prior = new SuppressionState(T0, Severity.MEDIUM);

    assertTrue(policy.shouldEmit(prior, T0, Severity.MEDIUM, null));
    assertTrue(policy.shouldEmit(prior, T0, Severity.MEDIUM, Duration.ZERO));
  }

  @Test
  void shouldStoreTheEmittedAlert() {
    assertEquals(
        new SuppressionState(T0, Severity.CRITICAL),
        policy.stateAfterEmitting(T0, Severity.CRITICAL));
  }

  @Test
  void shouldKeepStatesForTheLongestWindow() {
    SuppressionState state = new SuppressionState(T0, Severity.HIGH);

    assertEquals(Duration.ofHours(2), policy.retention());
    assertFalse(policy.isExpired(state, T0 + 119 * MINUTE));
    assertTrue(policy.isExpired(state, T0 + 120 * MINUTE));
  }

  @Test
  void shouldExpireAtOnceWhenNoRuleSuppresses() {
    SuppressionPolicy none = new SuppressionPolicy(List.of(rule("fever", Severity.MEDIUM, null)));

    assertTrue(none.isExpired(new SuppressionState(T0, Severity.MEDIUM), T0));
  }

  private static AlertRule rule(String id, Severity severity, Duration suppressFor) {
    return new AlertRule(
        id,
        "http://loinc.org",
        "8867-4",
        Comparator.GT,
        120,
        "/min",
        severity,
        "test rule",
        suppressFor,
        "heart-rate-high");
  }
}
