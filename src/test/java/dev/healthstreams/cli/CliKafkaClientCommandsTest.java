package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay and tail against nothing: bounded by app.startup-timeout (PT3S in these configs). */
class CliKafkaClientCommandsTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;

  private Path unreachableConfig(String bootstrap) {
    return CliRunner.write(
        dir,
        "config.yaml",
        CliRunner.validConfig(
            bootstrap, "http://127.0.0.1:" + CliRunner.unusedPort(), dir.resolve("state")));
  }

  private Path observations() {
    return CliRunner.write(
        dir,
        "obs.ndjson",
        """
        {"resourceType":"Observation","id":"obs-1","status":"final"}
        """);
  }

  @Test
  void shouldRejectReplayOfMissingFile() {
    Path missing = dir.resolve("missing.ndjson");

    Result result = CliRunner.run("replay", "--topic", "t", missing.toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("cannot read " + missing), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectReplayWithBrokenConfig() {
    Path config = CliRunner.write(dir, "broken.yaml", "kafka: {}\n");

    Result result =
        CliRunner.run(
            "replay", "--config", config.toString(), "--topic", "t", observations().toString());

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("kafka.bootstrap-servers"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldFailReplayWithinBoundedTimeWhenKafkaIsUnreachable() {
    String bootstrap = "127.0.0.1:" + CliRunner.unusedPort();
    Path config = unreachableConfig(bootstrap);
    Path file = observations();

    Result result =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                CliRunner.run(
                    "replay",
                    "--config",
                    config.toString(),
                    "--topic",
                    "test.obs.in",
                    file.toString()));

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.err().contains("test.obs.in"), result::describe);
    assertTrue(result.err().contains(bootstrap), result::describe);
    // The progress bar line is ended before the error, which starts a line of its own.
    assertTrue(result.err().contains("\nerror: "), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldFailTailWithinBoundedTimeWhenKafkaIsUnreachable() {
    String bootstrap = "127.0.0.1:" + CliRunner.unusedPort();
    Path config = unreachableConfig(bootstrap);

    Result result =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                CliRunner.run(
                    "tail", "--config", config.toString(), "--max", "1", "test.alerts.out"));

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.err().contains("test.alerts.out"), result::describe);
    assertTrue(result.err().contains(bootstrap), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectTailWithBadIdleTimeout() {
    Result result = CliRunner.run("tail", "--idle-timeout", "soon", "t");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("'soon' is not a duration"), result::describe);
  }

  @Test
  void shouldRejectTailWithBrokenConfig() {
    Path config = CliRunner.write(dir, "broken.yaml", "app: [\n");

    Result result = CliRunner.run("tail", "--config", config.toString(), "t");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("invalid YAML"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }
}
