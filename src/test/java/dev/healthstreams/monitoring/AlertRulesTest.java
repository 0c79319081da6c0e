package dev.healthstreams.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /** The restore alert must fire before the kubelet gives up on the startup probe. */
  @Test
  void shouldFireTheRestoreAlertAtEightyPercentOfTheShortestStartupProbe() throws Exception {
    AlertRules.Rule restore =
        AlertRules.read(AlertRules.FILE).rules().stream()
            .filter(r -> r.alert().equals("HealthstreamsRestoreOutlastsStartupProbe"))
            .findFirst()
            .orElseThrow();
    long probeSeconds = shortestStartupProbeSeconds(Path.of("deploy/kubernetes/base"));
    Matcher threshold = Pattern.compile(">\\s*(\\d+)\\s*$").matcher(restore.expr());
    assertTrue(threshold.find(), restore.expr());
    assertEquals(probeSeconds * 8 / 10, Long.parseLong(threshold.group(1)), restore.expr());
    assertTrue(
        restore.annotations().get("description").contains(probeSeconds + " s"), restore.toString());
  }

  private static long shortestStartupProbeSeconds(Path base) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    long shortest = Long.MAX_VALUE;
    try (Stream<Path> files = Files.list(base)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        try (MappingIterator<JsonNode> docs =
            yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
          for (JsonNode doc : docs.readAll()) {
            if (!"StatefulSet".equals(doc.path("kind").asText())) {
              continue;
            }
            for (JsonNode container : doc.at("/spec/template/spec/containers")) {
              JsonNode probe = container.path("startupProbe");
              long seconds =
                  probe.path("initialDelaySeconds").asLong(0)
                      + probe.path("failureThreshold").asLong(3)
                          * probe.path("periodSeconds").asLong(10);
              shortest = Math.min(shortest, seconds);
            }
          }
        }
      }
    }
    assertTrue(shortest != Long.MAX_VALUE, "no StatefulSet with a startup probe in " + base);
    return shortest;
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
