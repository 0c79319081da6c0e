package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriorAuthSettingsTest {

  @Test
  void shouldDefaultToTheIssuesSettings() {
    PriorAuthSettings settings = read("topics: {status-events: s}\n");

    assertEquals(IllegalTransitions.APPLY, settings.illegalTransitions());
    assertEquals(SlaRule.defaults(), settings.slas());
    assertEquals(50, settings.historyLimit());
    assertEquals(Duration.ofMinutes(1), settings.slaCheckInterval());
    assertEquals(java.time.Period.ofYears(1), settings.retention().afterLastChange());
    // A calendar year in UTC: 2024 is a leap year.
    long lastChange = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    assertEquals(
        java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(),
        settings.retention().dueAt(lastChange));
  }

  @Test
  void shouldReadEverySetting() {
    PriorAuthSettings settings =
        read(
            """
            illegal-transitions: reject
            transitions:
              start: [PENDED]
              EXPIRED: [APPEALED, SUBMITTED]
            slas:
              - id: decision
                from: [SUBMITTED]
                until: [APPROVED, DENIED]
                within: P3D
                urgent-within: PT24H
                max-extension: P2D
            history-limit: 5
            sla-check-interval: PT10S
            stats-interval: PT5S
            retention-after-last-change: P30D
            """);

    assertEquals(IllegalTransitions.REJECT, settings.illegalTransitions());
    assertTrue(settings.transitions().isLegal(null, PriorAuthStatus.PENDED));
    assertTrue(settings.transitions().isLegal(PriorAuthStatus.EXPIRED, PriorAuthStatus.SUBMITTED));
    assertEquals(
        List.of(
            new SlaRule(
                "decision",
                Set.of(PriorAuthStatus.SUBMITTED),
                Set.of(PriorAuthStatus.APPROVED, PriorAuthStatus.DENIED),
                Duration.ofDays(3),
                Duration.ofHours(24),
                Duration.ofDays(2))),
        settings.slas());
    assertEquals(5, settings.historyLimit());
    assertEquals(Duration.ofSeconds(10), settings.slaCheckInterval());
    assertEquals(Duration.ofSeconds(5), settings.statsInterval());
    assertEquals(Duration.ofDays(30), settings.retention().afterLastChange());
  }

  @Test
  void shouldReportEachBadSettingAtItsPath() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                read(
                    """
                    illegal-transitions: ignore
                    transitions:
                      SENT: [APPROVED]
                      INITIATED: [TIMEFRAME_EXTENDED]
                    slas:
                      - id: Decision
                        from: [SUBMITTED]
                        until: [NOPE]
                        within: soon
                      - id: other
                        from: []
                        until: [DENIED]
                    history-limit: 0
                    sla-check-interval: PT0S
                    stats-interval: PT0.0005S
                    retention-after-last-change: forever
                    """));

    Map<String, String> errors = new java.util.TreeMap<>();
    for (ConfigError error : e.errors()) {
      errors.merge(error.path(), error.message(), (a, b) -> a + " / " + b);
    }
    assertEquals(
        Set.of(
            "illegal-transitions",
            "transitions.SENT",
            "transitions.INITIATED",
            "slas[0].id",
            "slas[0].until",
            "slas[0].within",
            "slas[1].from",
            "slas[1].within",
            "history-limit",
            "sla-check-interval",
            "stats-interval",
            "retention-after-last-change"),
        errors.keySet(),
        errors.toString());
    assertTrue(
        errors.get("transitions.INITIATED").contains("'TIMEFRAME_EXTENDED' is not a PA lifecycle"));
    assertEquals("is required", errors.get("slas[1].within"));
    assertEquals("must be at least 1 ms", errors.get("stats-interval"));
    assertTrue(errors.get("illegal-transitions").contains("apply, reject"));
  }

  private static PriorAuthSettings read(String yaml) {
    return ConfigLoader.readSettings(yaml, PriorAuthSettings.reader(), Map.of());
  }
}
