package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} on a topology's {@code streams:} block: a bad one is a config error, exit 2. */
class CliValidateStreamsTest {
  @TempDir Path dir;

  /** Line numbers below are those of this text (1-based); %s is the streams block's lines. */
  private static final String CONFIG =
      """
      kafka:
        bootstrap-servers: localhost:9092
        schema-registry-url: http://localhost:8081
      app:
        state-dir: /tmp/hs-state
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
          streams:
      %s""";

  @Test
  void shouldAcceptAValidBlock() {
    Path file =
        CliRunner.write(
            dir,
            "good.yaml",
            CONFIG.formatted("      commit.interval.ms: 20\n      producer.linger.ms: 5\n"));

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void shouldReportEachBadSettingWithItsPathAndLine() {
    Path file =
        CliRunner.write(
            dir,
            "bad.yaml",
            CONFIG.formatted(
                "      commit.interval.ms: soon\n"
                    + "      state.dir: /elsewhere\n"
                    + "      commit.intervall.ms: 20\n"));

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(2, result.exitCode(), result::describe);
    String err = result.err();
    String streams = "topologies.observation-alerting.streams.";
    assertTrue(err.contains(streams + "commit.interval.ms (line 21)"), result::describe);
    assertTrue(err.contains("soon"), result::describe);
    assertTrue(err.contains(streams + "state.dir (line 22)"), result::describe);
    assertTrue(err.contains("app.state-dir"), result::describe);
    assertTrue(err.contains(streams + "commit.intervall.ms (line 23)"), result::describe);
    assertFalse(result.out().contains("is valid"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }
}
