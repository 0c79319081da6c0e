package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import dev.healthstreams.testkit.ConfigFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliValidateTest {
  @TempDir Path dir;

  /** The minimal config with four bad app settings; lines are found in this text. */
  private static final String BROKEN =
      ConfigFixtures.config()
          .app(
              "processing-guarantee: sometimes",
              "startup-timeout: three minutes",
              "num-stream-threads: many",
              "colour: blue")
          .alerting()
          .yaml();

  @Test
  void shouldAcceptTheRepositoryConfig() {
    Result result = CliRunner.run("validate", "--config", "topologies.yaml");

    assertEquals(0, result.exitCode(), result::describe);
    assertTrue(result.out().contains("is valid"), result::describe);
    assertTrue(result.out().contains("observation-alerting"), result::describe);
  }

  @Test
  void shouldNoteATopologyRunRefusesUnderTheConfiguredGuarantee() {
    Path file = CliRunner.write(dir, "alo.yaml", CliRunner.shippedConfig("at_least_once"));

    Result alo = CliRunner.run("validate", "--config", file.toString());
    Result eos = CliRunner.run("validate", "--config", "topologies.yaml");

    assertEquals(0, alo.exitCode(), alo::describe);
    assertEquals(
        1,
        alo.out()
            .lines()
            .filter(line -> line.startsWith("note: topology 'canonical-sync'"))
            .count(),
        alo::describe);
    assertEquals(1, alo.out().lines().filter(line -> line.startsWith("note:")).count());
    assertTrue(eos.out().lines().noneMatch(line -> line.startsWith("note:")), eos::describe);
  }

  @Test
  void shouldReportEveryErrorWithItsPathAndLine() {
    Path file = CliRunner.write(dir, "broken.yaml", BROKEN);

    Result result = CliRunner.run("validate", "--config", file.toString());

    assertEquals(2, result.exitCode(), result::describe);
    String err = result.err();
    assertTrue(err.contains(appSetting("processing-guarantee")), result::describe);
    assertTrue(err.contains("sometimes"), result::describe);
    assertTrue(err.contains(appSetting("startup-timeout")), result::describe);
    assertTrue(err.contains(appSetting("num-stream-threads")), result::describe);
    assertTrue(err.contains(appSetting("colour")), result::describe);
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

  /** How validate names a setting of BROKEN's app section: its path and its line there. */
  private static String appSetting(String key) {
    return "app." + key + " (line " + ConfigFixtures.lineOf(BROKEN, "  " + key + ":") + ")";
  }
}
