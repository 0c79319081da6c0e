package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's arguments are checked before any broker starts. */
class CliBenchTest {

  @Test
  void shouldRefuseFewerThanOneRun() {
    Result result = CliRunner.run("bench", "--runs", "0");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--runs must be at least 1"), result::describe);
  }

  @Test
  void shouldNameTheTopologiesItKnowsForAnUnknownOne() {
    Result result = CliRunner.run("bench", "--topology", "no-such-topology");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown topology 'no-such-topology'"), result::describe);
    assertTrue(result.err().contains("medication-interaction"), result::describe);
  }

  @Test
  void shouldListEveryRegisteredTopologyForAnUnknownOne() {
    Result result = CliRunner.run("bench", "--topology", "no-such-topology");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("observation-count"), "the test-only one too");
  }

  @Test
  void shouldNameTheSamplesItKnowsForAnUnknownOne() {
    Result result = CliRunner.run("bench", "--records-of", "Encounter=10");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown sample 'Encounter'"), result::describe);
    assertTrue(result.err().contains("MedicationRequest"), result::describe);
  }

  @Test
  void shouldRefuseARestoreOfNoEntries() {
    Result result = CliRunner.run("bench", "--restore", "--restore-entries", "0");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--restore-entries must be at least 1"), result::describe);
  }

  @Test
  void shouldRestoreOneTopologyOnly() {
    Result result =
        CliRunner.run(
            "bench",
            "--restore",
            "--topology",
            "medication-interaction",
            "--topology",
            "prior-auth-projection");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--restore measures one --topology"), result::describe);
  }

  @Test
  void shouldNameTheTopologiesItKnowsForAnUnknownOneToRestore() {
    Result result = CliRunner.run("bench", "--restore", "--topology", "no-such-topology");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown topology 'no-such-topology'"), result::describe);
  }

  @Test
  void shouldRefuseABrokenConfigWithItsPath(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("broken.yaml");
    Files.writeString(config, "kafka: [\n");

    Result result = CliRunner.run("bench", "--config", config.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains(config.toString()), result::describe);
  }

  @Test
  void shouldCheckTheOtherOptionsOfAQuickRun() {
    // --quick sets copies, records and the latency duration; what it does not set is still checked
    // (before any broker starts).
    Result result = CliRunner.run("bench", "--quick", "--runs", "0");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--runs must be at least 1"), result::describe);
  }

  @Test
  void shouldRefuseALatencyLoadOutsideZeroToOne() {
    for (String load : new String[] {"0", "1.5", "-0.1"}) {
      Result result = CliRunner.run("bench", "--latency-loads", "0.25," + load);

      assertEquals(2, result.exitCode(), result::describe);
      assertTrue(
          result.err().contains("--latency-loads must be above 0 and at most 1, not "),
          result::describe);
    }
  }

  @Test
  void shouldRefuseACommitIntervalBelowOneMillisecond() {
    Result result = CliRunner.run("bench", "--commit-intervals", "50,0");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(
        result.err().contains("--commit-intervals must be at least 1 ms, not 0"), result::describe);
  }
}
