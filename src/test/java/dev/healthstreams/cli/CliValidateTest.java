package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliValidateTest {
  @TempDir Path dir;

  /** Line numbers below are those of this text (1-based). */
  private static final String BROKEN =
      """
      kafka:
        bootstrap-servers: localhost:9092
        schema-registry-url: http://localhost:8081
      app:
        state-dir: /tmp/hs-state
        processing-guarantee: sometimes
        startup-timeout: three minutes
        num-stream-threads: many
        colour: blue
      topologies:
        observation-alerting:
          topics:
            observations: a.obs
            patients: a.patients
            alerts: a.alerts
            dead-letter: a.dlq
          rules:
            - id: hr
              code: http://loinc.org|8867-4
              comparator: ge
              threshold: 131
              severity: critical
              description: heart rate
      """;

  @Test
  void shouldAcceptTheRepositoryConfig() {
    Result result = CliRunner.run("validate", "--config", "topologies.yaml");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("is valid"), result::describe);
    assertTrue(result.out().contains("observation-alerting"), result::describe);
  }

  @Test
  void shouldReportEveryErrorWithItsPathAndLine() {
    Path file = CliRunner.write(dir, "broken.yaml", BROKEN);

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(2, result.exitCode(), result::describe);
    String err = result.err();
    assertTrue(err.contains("app.processing-guarantee (line 6)"), result::describe);
    assertTrue(err.contains("sometimes"), result::describe);
    assertTrue(err.contains("app.startup-timeout (line 7)"), result::describe);
    assertTrue(err.contains("app.num-stream-threads (line 8)"), result::describe);
    assertTrue(err.contains("app.colour (line 9)"), result::describe);
    assertTrue(err.toLowerCase().contains("unknown"), result::describe);
    assertEquals("", result.out(), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldReportYamlSyntaxErrorWithItsLine() {
    Path file =
        CliRunner.write(
            dir,
            "syntax.yaml",
            """
            kafka:
              bootstrap-servers: localhost:9092
              schema-registry-url: [unclosed
            app:
              state-dir: /tmp/x
            """);

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("invalid YAML"), result::describe);
    assertTrue(result.err().matches("(?s).*\\(line \\d+\\).*"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldReportMissingFileClearly() {
    Path missing = dir.resolve("nope.yaml");

    Result result = CliRunner.run("validate", "--config", missing.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains(missing.toString()), result::describe);
    assertTrue(result.err().contains("file not found"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }
}
