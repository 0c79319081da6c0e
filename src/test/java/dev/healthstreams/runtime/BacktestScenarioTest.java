package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-computed suppression, status, unit and deduplication cases, backtested end to end. Every
 * expectation is worked out in the comments from the rules of the YAML used, not from the code.
 */
class BacktestScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void shouldSuppressRepeatsWithinTheWindowOnEitherSideButLetEscalationsThrough()
      throws IOException {
    // Repo rules: tachycardia-severe (>= 131, critical) and tachycardia (> 120, high) share
    // heart-rate-high, PT30M; bradycardia (< 50, high) is heart-rate-low, PT30M.
    List<String> lines =
        List.of(
            // 12:00 high, nothing before: emitted.
            hr("hr1", "p1", "12:00", 125, "final"),
            // 12:10 high, hr1 (high) 10 min away: suppressed.
            hr("hr2", "p1", "12:10", 128, "final"),
            // 12:20 critical outranks hr1: emitted; its own high tier is then suppressed.
            hr("hr3", "p1", "12:20", 135, "final"),
            // 12:30 high, hr3 (critical) 10 min away: suppressed.
            hr("hr4", "p1", "12:30", 125, "final"),
            // 12:50 high: hr3 exactly 30 min away is outside (|d| < window), hr1 50 min: emitted.
            hr("hr5", "p1", "12:50", 125, "final"),
            // 11:45 arrives late; hr1 15 min after it: suppressed (either side).
            hr("hr6", "p1", "11:45", 125, "final"),
            // 11:20: hr1 40 min away; suppressed hr6 (25 min) left no state: emitted.
            hr("hr7", "p1", "11:20", 125, "final"),
            // Another patient, same group and time: emitted.
            hr("hr8", "p2", "12:05", 125, "final"),
            // Bradycardia is another group: emitted despite hr1/hr3 nearby.
            hr("hr9", "p1", "12:15", 45, "final"),
            // Preliminary is not an alerting status: nothing.
            hr("hr10", "p1", "15:00", 150, "preliminary"),
            // Amended is: critical emitted, its high tier suppressed.
            hr("hr11", "p1", "16:00", 150, "amended"),
            // 103 [degF] = (103 - 32) * 5 / 9 = 39.44 Cel: fever-body (>= 38.0, medium) fires,
            // hyperpyrexia-body (>= 39.5) does not.
            observation(
                "t1",
                "p1",
                "12:00",
                "final",
                element("8310-5", "{\"value\":103,\"unit\":\"degF\",\"code\":\"[degF]\"}")));

    AppConfig config = repoConfig();
    Backtest.run(
        config, "observation-alerting", Map.of("observations", List.of(write(lines))), out());

    List<JsonNode> alerts = read("alerts.ndjson");
    assertEquals(
        List.of(
            "hr1:tachycardia HIGH",
            "hr3:tachycardia-severe CRITICAL",
            "hr5:tachycardia HIGH",
            "hr7:tachycardia HIGH",
            "hr8:tachycardia HIGH",
            "hr9:bradycardia HIGH",
            "hr11:tachycardia-severe CRITICAL",
            "t1:fever-body MEDIUM"),
        summaries(alerts));
    JsonNode fever = alerts.get(alerts.size() - 1).path("value");
    assertEquals((103 - 32) * 5.0 / 9.0, fever.path("value").asDouble(), 1e-9);
    assertEquals("Cel", fever.path("unit").asText());
  }

  @Test
  void shouldDropRedeliveriesButNotCorrectedValuesWhenNothingSuppresses() throws IOException {
    String yaml =
        """
        kafka:
          bootstrap-servers: localhost:9092
          schema-registry-url: mock://tests
        app:
          state-dir: %s
        topologies:
          observation-alerting:
            topics:
              observations: fhir.observation
              patients: fhir.patient
              alerts: clinical.alerts
              dead-letter: hs.alerting.dlq
            rules:
              - id: tachycardia
                code: http://loinc.org|8867-4
                comparator: gt
                threshold: 120
                unit: /min
                severity: high
                description: Heart rate above 120 /min
        """
            .formatted(work.resolve("state"));
    AppConfig config =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "t.yaml");
    List<String> lines =
        List.of(
            hr("d1", "p1", "12:00", 125, "final"),
            // The same record again: same alert id and value, dropped as a duplicate.
            hr("d1", "p1", "12:00", 125, "final"),
            // Corrected value under the same id: news, written.
            hr("d1", "p1", "12:00", 130, "final"),
            // No suppress-for: a repeat a minute later is written.
            hr("d2", "p1", "12:01", 125, "final"));

    Backtest.run(
        config, "observation-alerting", Map.of("observations", List.of(write(lines))), out());

    List<String> written = new ArrayList<>();
    for (JsonNode line : read("alerts.ndjson")) {
      JsonNode value = line.path("value");
      written.add(value.path("alertId").asText() + "=" + value.path("value").asDouble());
    }
    assertEquals(
        List.of("d1:tachycardia=125.0", "d1:tachycardia=130.0", "d2:tachycardia=125.0"), written);
  }

  // ---- fixtures

  private AppConfig repoConfig() throws IOException {
    Path stateDir = Files.createDirectories(work.resolve("state"));
    return new ConfigLoader(
            TopologyRegistry.discover().all(),
            Map.of("HEALTHSTREAMS_STATE_DIR", stateDir.toString()))
        .load(Path.of("topologies.yaml"));
  }

  private static String hr(String id, String patient, String time, int perMinute, String status) {
    return observation(
        id,
        patient,
        time,
        status,
        element("8867-4", "{\"value\":" + perMinute + ",\"unit\":\"/min\",\"code\":\"/min\"}"));
  }

  private static String element(String loinc, String quantity) {
    return "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"}]},\"valueQuantity\":"
        + quantity;
  }

  private static String observation(
      String id, String patient, String time, String status, String element) {
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"},\"effectiveDateTime\":\"2024-03-01T"
        + time
        + ":00Z\","
        + element
        + "}";
  }

  private static List<String> summaries(List<JsonNode> alerts) {
    List<String> result = new ArrayList<>();
    for (JsonNode line : alerts) {
      JsonNode value = line.path("value");
      result.add(value.path("alertId").asText() + " " + value.path("severity").asText());
    }
    return result;
  }

  private Path write(List<String> lines) throws IOException {
    return Files.write(work.resolve("observations.ndjson"), lines);
  }

  private Path out() {
    return work.resolve("out");
  }

  private List<JsonNode> read(String file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(out().resolve(file))) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }
}
