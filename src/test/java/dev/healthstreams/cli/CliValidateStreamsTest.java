package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import dev.healthstreams.testkit.ConfigFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} on a topology's {@code streams:} block: a bad one is a config error, exit 2. */
class CliValidateStreamsTest {
  @TempDir Path dir;

  @Test
  void shouldAcceptAValidBlock() {
    Path file =
        CliRunner.write(
            dir,
            "good.yaml",
            ConfigFixtures.config()
                .alerting("streams:", "  commit.interval.ms: 20", "  producer.linger.ms: 5")
                .yaml());

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(0, result.exitCode(), result::describe);
  }

  @Test
  void shouldReportEachBadSettingWithItsPathAndLine() {
    String yaml =
        ConfigFixtures.config()
            .alerting(
                "streams:",
                "  commit.interval.ms: soon",
                "  state.dir: /elsewhere",
                "  commit.intervall.ms: 20")
            .yaml();
    Path file = CliRunner.write(dir, "bad.yaml", yaml);

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(2, result.exitCode(), result::describe);
    String err = result.err();
    String streams = "topologies.observation-alerting.streams.";
    assertTrue(err.contains(streams + at(yaml, "commit.interval.ms")), result::describe);
    assertTrue(err.contains("soon"), result::describe);
    assertTrue(err.contains(streams + at(yaml, "state.dir")), result::describe);
    assertTrue(err.contains("app.state-dir"), result::describe);
    assertTrue(err.contains(streams + at(yaml, "commit.intervall.ms")), result::describe);
    assertFalse(result.out().contains("is valid"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  /** How validate names a setting: its key and the line of the fixture that sets it. */
  private static String at(String yaml, String key) {
    return key + " (line " + ConfigFixtures.lineOf(yaml, " " + key + ":") + ")";
  }
}
