package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load-knowledge without a broker: its usage errors and an unreachable cluster. */
class CliLoadKnowledgeTest {
  @TempDir Path dir;

  private Path config() {
    String unreachable = "127.0.0.1:" + CliRunner.unusedPort();
    String withInteraction =
        CliRunner.validConfig(
                unreachable, "http://127.0.0.1:" + CliRunner.unusedPort(), dir.resolve("state"))
            + """
              medication-interaction:
                topics:
                  medication-requests: test.requests.in
                  medications: test.medications.in
                  patients: test.patients.in
                  knowledge: test.knowledge
                  alerts: test.interaction.alerts
                  dead-letter: test.interaction.dlq
            """;
    return CliRunner.write(dir, "config.yaml", withInteraction);
  }

  @Test
  void shouldPrintHelp() {
    Result result = CliRunner.run("load-knowledge", "--help");

    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("--topology"), result.out());
  }

  @Test
  void shouldRejectAnUnknownTopology() {
    Result result =
        CliRunner.run("load-knowledge", "--config", config().toString(), "--topology", "nope");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("medication-interaction"), result.err());
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectATopologyWithoutKnowledge() {
    Result result =
        CliRunner.run(
            "load-knowledge",
            "--config",
            config().toString(),
            "--topology",
            "observation-alerting");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("no knowledge"), result.err());
  }

  @Test
  void shouldFailWithinTheStartupTimeoutWhenKafkaIsUnreachable() {
    Path config = config();
    Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> CliRunner.run("load-knowledge", "--config", config.toString()));

    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains("did not answer"), result.err());
    CliRunner.assertNoStackTrace(result);
  }
}
