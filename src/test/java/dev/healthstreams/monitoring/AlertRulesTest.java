package dev.healthstreams.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yaml: well-formed, and an alert for each condition operators asked for
 * (the metrics it names: MetricsCoverageIT).
 */
class AlertRulesTest {
  @Test
  void shouldHaveAWellFormedRuleForEachConditionAsked() throws Exception {
    AlertRules rules = AlertRules.read(AlertRules.FILE);
    Set<String> alerts =
        rules.rules().stream().map(AlertRules.Rule::alert).collect(Collectors.toSet());
    assertTrue(
        alerts.containsAll(
            Set.of(
                "HealthstreamsDeadLetters",
                "HealthstreamsConsumerLagGrowing",
                "HealthstreamsTopologyNotRunning",
                "HealthstreamsRestoreOutlastsStartupProbe",
                "HealthstreamsPriorAuthSlaBreaches",
                "HealthstreamsConsentDenialsSpiking",
                "HealthstreamsEndToEndLatencyHigh")),
        alerts.toString());
  }

  @Test
  void shouldWaitTenMinutesBeforeCallingLagGrowing() throws Exception {
    AlertRules.Rule lag =
        AlertRules.read(AlertRules.FILE).rules().stream()
            .filter(r -> r.alert().equals("HealthstreamsConsumerLagGrowing"))
            .findFirst()
            .orElseThrow();
    assertEquals("10m", lag.forDuration());
  }

  @Test
  void shouldAssumeAStartupProbeBudgetAndSaySo() throws Exception {
    AlertRules.Rule restore =
        AlertRules.read(AlertRules.FILE).rules().stream()
            .filter(r -> r.alert().equals("HealthstreamsRestoreOutlastsStartupProbe"))
            .findFirst()
            .orElseThrow();
    assertTrue(restore.annotations().get("description").contains("600 s"), restore.toString());
  }

  @Test
  void shouldReportEveryStructuralProblemOfABrokenFile() {
    String broken =
        """
        groups:
          - name: g
            rules:
              - alert: NoExpr
                for: ten minutes
                labels: {severity: page}
                annotations: {summary: s, description: d}
              - alert: Unbalanced
                expr: sum(rate(x[5m])
                labels: {severity: sometimes}
                annotations: {summary: s}
                runbook: r
          - name: g
            rules: []
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertRules.parse(broken));
    for (String problem :
        new String[] {
          "alert 'NoExpr': no `expr`",
          "alert 'NoExpr': `for` is not a duration",
          "alert 'Unbalanced': unclosed '('",
          "alert 'Unbalanced': labels.severity",
          "alert 'Unbalanced': no annotations.description",
          "alert 'Unbalanced': unknown key `runbook`",
          "a name used twice: 'g'",
          "group 'g': no `rules` list"
        }) {
      assertTrue(e.getMessage().contains(problem), problem + " in:\n" + e.getMessage());
    }
  }

  @Test
  void shouldRefuseAFileWithoutGroups() {
    assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("rules: []"));
  }
}
