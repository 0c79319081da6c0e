package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-package rule: `observation-count` lives only in src/test (its package and one line in
 * src/test/resources/META-INF/services), and `list`, `describe`, `validate` and `backtest` take it
 * like any other topology.
 */
class CliTestOnlyTopologyTest {
  @TempDir Path dir;

  private Path config() {
    return CliRunner.write(
        dir,
        "config.yaml",
        CliRunner.validConfig("localhost:9092", "mock://test-only", dir.resolve("state"))
            + """
              observation-count:
                topics:
                  observations: count.obs.in
                  counts: count.out
                  dead-letter: count.dlq
                statuses: [final]
            """);
  }

  @Test
  void shouldListItWithItsRolesFormatsAndTable() {
    Result result = CliRunner.run("list");

    assertEquals(0, result.exitCode(), result::describe);
    String line =
        result
            .out()
            .lines()
            .filter(l -> l.startsWith("observation-count "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(result.describe()));
    assertTrue(line.contains("observations(stream-input)"), line);
    assertTrue(line.contains("counts(output)"), line);
  }

  @Test
  void shouldDescribeAndValidateIt() {
    Result describe =
        CliRunner.run("describe", "--config", config().toString(), "observation-count");
    Result validate = CliRunner.run("validate", "--config", config().toString());

    assertEquals(0, describe.exitCode(), describe::describe);
    assertTrue(describe.out().contains("count.obs.in"), describe::describe);
    assertTrue(describe.out().contains("observation-counts"), describe::describe);
    assertEquals(0, validate.exitCode(), validate::describe);
    assertTrue(validate.out().contains("observation-count"), validate::describe);
  }

  @Test
  void shouldReportItsOwnSettingsErrorsWithPathAndLine() throws Exception {
    String yaml = Files.readString(config()).replace("statuses: [final]", "statuses: 7");
    Path bad = CliRunner.write(dir, "bad.yaml", yaml);

    Result result = CliRunner.run("validate", "--config", bad.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("topologies.observation-count.statuses"), result::describe);
  }

  @Test
  void shouldBacktestIt() throws Exception {
    Path input =
        CliRunner.write(
            dir,
            "obs.ndjson",
            """
            {"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"}}
            {"resourceType":"Observation","id":"o2","status":"final","subject":{"reference":"Patient/p1"}}
            {"resourceType":"Observation","id":"o3","status":"preliminary","subject":{"reference":"Patient/p1"}}
            {"resourceType":"Observation","id":"o4","status":"final","subject":{"reference":"Patient/p2"}}
            """);
    Path out = dir.resolve("out");

    Result result =
        CliRunner.run(
            "backtest",
            "--config",
            config().toString(),
            "--topology",
            "observation-count",
            "--input",
            "observations=" + input,
            "--output-dir",
            out.toString());

    assertEquals(0, result.exitCode(), result::describe);
    List<String> counts = Files.readAllLines(out.resolve("counts.ndjson"));
    // Only status final counts (the config says so): p1 twice, then p2 once.
    assertEquals(3, counts.size(), counts::toString);
    assertTrue(counts.get(1).contains("\"observations\":2"), counts.get(1));
    assertTrue(counts.get(2).contains("\"patientId\":\"p2\""), counts.get(2));
  }
}
