package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny real bench over the test-only observation-count topology: registered from src/test, never
 * named by bench, measured beside the pass-through on the embedded broker.
 */
class BenchIT {

  @Test
  void shouldMeasureATopologyFoundOnlyInTheRegistry(@TempDir Path dir) throws Exception {
    Path outputDir = dir.resolve("bench");
    Result result = tinyBench(outputDir);

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("bench: observation-count"), result::describe);
    assertTrue(result.out().contains("| observation-count | 2,000 |"), result::describe);
    // The warm-up runs in rounds and says how busy the JIT compilers were in each.
    assertTrue(result.out().contains("  warm-up 1: "), result::describe);
    JsonNode report = new ObjectMapper().readTree(outputDir.resolve("bench.json").toFile());
    List<String> topologies = new ArrayList<>();
    report.get("results").forEach(r -> topologies.add(r.get("topology").asText()));
    assertEquals(List.of("passthrough", "read-only", "observation-count"), topologies);
    JsonNode passthrough = report.get("results").get(0);
    JsonNode readOnly = report.get("results").get(1);
    JsonNode counted = report.get("results").get(2);
    // The read-only ceiling is timed like the others and has no output, so no latency curve.
    assertTrue(readOnly.get("records_per_s").asLong() > 0, readOnly::toString);
    assertEquals(0, readOnly.get("latency_curve").size(), readOnly::toString);
    assertEquals(1.0, readOnly.get("ratio_to_read_only").asDouble());
    assertEquals(
        Math.round(
                1000.0
                    * counted.get("records_per_s").asLong()
                    / readOnly.get("records_per_s").asLong())
            / 1000.0,
        counted.get("ratio_to_read_only").asDouble());
    assertEquals(2000, counted.get("input_records").asLong());
    assertTrue(counted.get("records_per_s").asLong() > 0, counted::toString);
    assertEquals(1.0, passthrough.get("ratio_to_passthrough").asDouble());
    double ratio = counted.get("ratio_to_passthrough").asDouble();
    assertTrue(ratio > 0, counted::toString);
    // The latency curve: every default load, shares of the rate probed with the loader running.
    long withLoader = counted.get("sustained_with_loader_per_s").asLong();
    assertTrue(withLoader > 0, counted::toString);
    // The probe sends as fast as it can: its threads' CPU time is well above nothing.
    assertTrue(counted.get("probe_loader_cores").asDouble() > 0, counted::toString);
    List<Double> shares = new ArrayList<>();
    counted.get("latency_curve").forEach(p -> shares.add(p.get("share").asDouble()));
    assertEquals(List.of(0.1, 0.25, 0.5, 0.75), shares);
    for (JsonNode point : counted.get("latency_curve")) {
      assertEquals(
          Math.max(1, Math.round(withLoader * point.get("share").asDouble())),
          point.get("offered_per_s").asLong(),
          point::toString);
      assertTrue(point.get("sent").asLong() > 0, point::toString);
    }
    assertTrue(result.out().contains("## Latency against load"), result::describe);
    assertTrue(Files.size(outputDir.resolve("latency-curve.png")) > 0);
    assertEquals(
        Math.round(
                1000.0
                    * counted.get("records_per_s").asLong()
                    / passthrough.get("records_per_s").asLong())
            / 1000.0,
        ratio);
  }

  /** {@code --config}: the topology's own streams settings reach the measured topology. */
  @Test
  void shouldMeasureWithTheTopologySettingsOfTheGivenConfig(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("topologies.yaml");
    Files.writeString(
        config,
        """
        kafka:
          bootstrap-servers: localhost:9092
          schema-registry-url: http://localhost:8081
        app:
          state-dir: /tmp/hs-state
        topologies:
          observation-count:
            topics: {observations: fhir.observation, counts: observation.counts, dead-letter: count.dlq}
            statuses: [final, amended]
            streams:
              commit.interval.ms: 20
        """);
    Path outputDir = dir.resolve("bench");
    Result result =
        tinyBench(outputDir, "--config", config.toString(), "--latency-target", "PT0.3S");

    assertEquals(0, result.exitCode(), result::describe);
    JsonNode report =
        new ObjectMapper().readTree(outputDir.resolve("bench.json").toFile()).get("results");
    JsonNode counted = report.get(2);
    assertEquals("observation-count", counted.get("topology").asText());
    assertEquals("20", counted.get("streams").get("commit.interval.ms").asText());
    // A target given to the bench holds every topology to it, the ceilings too.
    report.forEach(r -> assertEquals(300, r.get("latency_target_ms").asLong(), r::toString));
    assertTrue(
        result.out().contains("- observation-count: p99 within 300 ms up to"), result::describe);
    assertTrue(
        result
            .out()
            .contains(
                "observation-count ran with its own Kafka Streams settings: "
                    + "`commit.interval.ms=20`"),
        result::describe);
  }

  /**
   * {@code --commit-intervals}: one row per interval for the topology, each run at its interval;
   * the ceilings once, at their own settings.
   */
  @Test
  void shouldMeasureTheTopologyOncePerCommitInterval(@TempDir Path dir) throws Exception {
    Path outputDir = dir.resolve("bench");
    Result result = tinyBench(outputDir, "--commit-intervals", "100,20");

    assertEquals(0, result.exitCode(), result::describe);
    JsonNode results =
        new ObjectMapper().readTree(outputDir.resolve("bench.json").toFile()).get("results");
    List<String> rows = new ArrayList<>();
    results.forEach(r -> rows.add(r.get("topology").asText()));
    assertEquals(
        List.of(
            "passthrough",
            "read-only",
            "observation-count (commit 100 ms)",
            "observation-count (commit 20 ms)"),
        rows);
    assertFalse(results.get(0).get("streams").has("commit.interval.ms"), "a ceiling as it is");
    assertEquals("100", results.get(2).get("streams").get("commit.interval.ms").asText());
    assertEquals("20", results.get(3).get("streams").get("commit.interval.ms").asText());
    for (int row = 2; row < 4; row++) {
      assertTrue(results.get(row).get("records_per_s").asLong() > 0, rows.get(row));
      // observation-count declares no latency target: the bench's default.
      assertEquals(250, results.get(row).get("latency_target_ms").asLong(), rows.get(row));
    }
  }

  /** observation-count on 2,000 records, a second of latency: seconds, not minutes. */
  private static Result tinyBench(Path outputDir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--output-dir",
                outputDir.toString(),
                "--topology",
                "observation-count",
                "--copies",
                "1",
                "--records",
                "2000",
                "--latency-duration",
                "PT1S"));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }
}
