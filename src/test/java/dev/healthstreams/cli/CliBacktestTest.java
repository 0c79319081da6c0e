package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backtest with the repository's topologies.yaml, whose heart-rate rules are tachycardia-severe (ge
 * 131, critical) and tachycardia (gt 120, high) in one suppress-group, and whose critical alerts
 * are routed to clinical.notifications.critical.
 */
class CliBacktestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String heartRate(String id, String patient, String time, int bpm) {
    return """
        {"resourceType":"Observation","id":"%s","status":"final",\
        "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},\
        "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",\
        "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}
        """
        .formatted(id, patient, time, bpm)
        .strip();
  }

  private Path observations() {
    return CliRunner.write(
        dir,
        "observations.ndjson",
        String.join(
                "\n",
                heartRate("obs-severe", "pat-1", "2024-04-17T10:15:00Z", 150),
                heartRate("obs-high", "pat-2", "2024-04-17T10:20:00Z", 125),
                heartRate("obs-normal", "pat-3", "2024-04-17T10:25:00Z", 72))
            + "\n");
  }

  private static List<JsonNode> readLines(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.isBlank())
        .map(
            l -> {
              try {
                return JSON.readTree(l);
              } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
              }
            })
        .toList();
  }

  private static Set<String> rulesFor(List<JsonNode> alerts, String observationId) {
    return alerts.stream()
        .filter(a -> a.path("value").path("observationId").asText().equals(observationId))
        .map(a -> a.path("value").path("ruleId").asText())
        .collect(Collectors.toSet());
  }

  @Test
  void shouldWriteTheAlertsTheDefaultRulesRaise() throws IOException {
    Path out = dir.resolve("out");

    Result result =
        CliRunner.run(
            "backtest",
            "--config",
            "topologies.yaml",
            "--topology",
            "observation-alerting",
            "--input",
            "observations=" + observations(),
            "--output-dir",
            out.toString());

    assertEquals(0, result.exitCode(), result::describe);
    Path alertsFile = out.resolve("alerts.ndjson");
    assertTrue(Files.exists(alertsFile), result::describe);
    assertTrue(result.out().contains("alerts.ndjson"), result::describe);
    List<JsonNode> alerts = readLines(alertsFile);

    Set<String> severe = rulesFor(alerts, "obs-severe");
    assertTrue(severe.contains("tachycardia-severe"), alerts::toString);
    assertTrue(Set.of("tachycardia-severe", "tachycardia").containsAll(severe), alerts::toString);
    assertEquals(Set.of("tachycardia"), rulesFor(alerts, "obs-high"), alerts::toString);
    assertEquals(Set.of(), rulesFor(alerts, "obs-normal"), alerts::toString);

    JsonNode critical =
        alerts.stream()
            .filter(a -> a.path("value").path("ruleId").asText().equals("tachycardia-severe"))
            .findFirst()
            .orElseThrow();
    assertEquals("clinical.alerts", critical.path("topic").asText(), critical::toString);
    assertEquals("pat-1", critical.path("key").asText(), critical::toString);
    assertEquals("CRITICAL", critical.path("value").path("severity").asText(), critical::toString);
    assertEquals("pat-1", critical.path("value").path("patientId").asText(), critical::toString);
    assertEquals(150.0, critical.path("value").path("value").asDouble(), critical::toString);
    assertEquals(131.0, critical.path("value").path("threshold").asDouble(), critical::toString);

    // Only critical alerts are routed to the notification topic.
    Path routed = out.resolve("clinical.notifications.critical.ndjson");
    assertTrue(Files.exists(routed), () -> "no routed output; out: " + result.out());
    List<JsonNode> notifications = readLines(routed);
    assertEquals(Set.of("tachycardia-severe"), rulesFor(notifications, "obs-severe"));
    assertEquals(Set.of(), rulesFor(notifications, "obs-high"));
  }

  @Test
  void shouldRejectUnknownInputRoleNamingTheAllowedRoles() {
    Result result =
        CliRunner.run(
            "backtest",
            "--topology",
            "observation-alerting",
            "--input",
            "bogus=" + observations(),
            "--output-dir",
            dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("bogus="), result::describe);
    assertTrue(result.err().contains("observations"), result::describe);
    assertTrue(result.err().contains("patients"), result::describe);
    assertFalse(Files.exists(dir.resolve("out")), "output written despite a usage error");
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectInputWithoutRole() {
    Result result =
        CliRunner.run(
            "backtest",
            "--topology",
            "observation-alerting",
            "--input",
            observations().toString(),
            "--output-dir",
            dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("role must be one of"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectUnreadableInputFile() {
    Path missing = dir.resolve("missing.ndjson");

    Result result =
        CliRunner.run(
            "backtest",
            "--topology",
            "observation-alerting",
            "--input",
            "observations=" + missing,
            "--output-dir",
            dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("cannot read " + missing), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectUnknownTopology() {
    Result result =
        CliRunner.run(
            "backtest",
            "--topology",
            "nope",
            "--input",
            "observations=" + observations(),
            "--output-dir",
            dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown topology 'nope'"), result::describe);
    assertTrue(result.err().contains("observation-alerting"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectBrokenConfig() {
    Path config = CliRunner.write(dir, "broken.yaml", "kafka:\n  bootstrap-servers: [\n");

    Result result =
        CliRunner.run(
            "backtest",
            "--config",
            config.toString(),
            "--topology",
            "observation-alerting",
            "--input",
            "observations=" + observations(),
            "--output-dir",
            dir.resolve("out").toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("invalid YAML"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }
}
