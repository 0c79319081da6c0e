package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list and describe: no broker involved. */
class CliTopologyCommandsTest {
  @TempDir Path dir;

  @Test
  void shouldListObservationAlertingWithItsRoles() {
    Result result = CliRunner.run("list");

    assertEquals(0, result.exitCode(), result::describe);
    String line =
        result
            .out()
            .lines()
            .filter(l -> l.startsWith("observation-alerting "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(result.describe()));
    assertTrue(line.contains("observations(stream-input)"), line);
    assertTrue(line.contains("patients(table-input)"), line);
    assertTrue(line.contains("alerts(output)"), line);
    assertTrue(line.contains("dead-letter(dead-letter)"), line);
  }

  @Test
  void shouldDescribeTopologyWithTheRepositoryTopicNames() {
    Result result = CliRunner.run("describe", "observation-alerting");

    assertEquals(0, result.exitCode(), result::describe);
    // Topic names as configured in the repository's topologies.yaml.
    assertTrue(result.out().contains("fhir.observation"), result::describe);
    assertTrue(result.out().contains("fhir.patient"), result::describe);
    assertTrue(result.out().contains("clinical.alerts"), result::describe);
    assertTrue(result.out().contains("clinical.notifications.critical"), result::describe);
    assertTrue(result.out().contains("Sub-topology"), result::describe);
  }

  @Test
  void shouldDescribeTopologyWithTopicNamesFromTheGivenConfig() {
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            CliRunner.validConfig("localhost:9092", "mock://describe", dir.resolve("state")));

    Result result =
        CliRunner.run("describe", "--config", config.toString(), "observation-alerting");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("test.obs.in"), result::describe);
    assertTrue(result.out().contains("test.patients.in"), result::describe);
    assertTrue(result.out().contains("test.alerts.out"), result::describe);
    assertTrue(!result.out().contains("fhir.observation"), result::describe);
  }

  @Test
  void shouldDescribeTopologyAsMermaidFlowchart() {
    Result result = CliRunner.run("describe", "observation-alerting", "--format", "mermaid");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().startsWith("flowchart"), result::describe);
    assertTrue(result.out().contains("fhir.observation"), result::describe);
    assertTrue(result.out().contains("clinical.alerts"), result::describe);
    assertTrue(result.out().contains("subgraph"), result::describe);
  }

  @Test
  void shouldRejectUnknownTopologyListingKnownNames() {
    Result result = CliRunner.run("describe", "no-such-topology");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown topology 'no-such-topology'"), result::describe);
    assertTrue(result.err().contains("observation-alerting"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectUnknownFormat() {
    Result result = CliRunner.run("describe", "observation-alerting", "--format", "graphviz");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("graphviz"), result::describe);
    assertTrue(result.err().contains("mermaid"), result::describe);
    assertEquals("", result.out(), result::describe);
  }

  @Test
  void shouldRejectDescribeWithBrokenConfig() {
    Path config = CliRunner.write(dir, "broken.yaml", "kafka:\n  bootstrap-servers: x\n");

    Result result =
        CliRunner.run("describe", "--config", config.toString(), "observation-alerting");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("invalid configuration"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }
}
