package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run without a broker: usage and config errors, and an unreachable cluster. A reachable broker
 * with an unreachable registry needs a real broker: the lead's integration test covers it.
 */
class CliRunTest {
  @TempDir Path dir;

  @Test
  void shouldRejectUnknownTopologyListingKnownNames() {
    Result result = CliRunner.run("run", "--topology", "nope");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("unknown topology 'nope'"), result::describe);
    assertTrue(result.err().contains("observation-alerting"), result::describe);
    assertTrue(result.err().contains("all"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRejectKnownButUnconfiguredTopology() {
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            """
            kafka:
              bootstrap-servers: 127.0.0.1:1
              schema-registry-url: mock://run-unconfigured
            app:
              state-dir: %s
            topologies:
            """
                .formatted(dir.resolve("state")));

    Result result =
        CliRunner.run("run", "--config", config.toString(), "--topology", "observation-alerting");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("not configured"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRefuseUnderAtLeastOnceATopologyThatWouldLoseOutputsThere() {
    // The shipped topologies.yaml (every topology configured), under at_least_once.
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            CliRunner.shippedConfig("at_least_once")
                .replace("${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", "127.0.0.1:1")
                .replace("${SCHEMA_REGISTRY_URL:-http://localhost:8081}", "mock://run-alo")
                .replace("${HEALTHSTREAMS_STATE_DIR:-/var/lib/healthstreams}", dir.toString()));

    Result refused = CliRunner.run("run", "--config", config.toString(), "--topology", "all");

    assertEquals(2, refused.exitCode(), refused::describe);
    assertTrue(
        refused
            .err()
            .contains("'canonical-sync' cannot run under app.processing-guarantee at_least_once"),
        refused::describe);
    assertFalse(refused.err().contains("prior-auth-projection"), refused::describe);
    CliRunner.assertNoStackTrace(refused);
  }

  @Test
  void shouldRejectAllWhenNoTopologyIsConfigured() {
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            """
            kafka:
              bootstrap-servers: 127.0.0.1:1
              schema-registry-url: mock://run-none
            app:
              state-dir: %s
            topologies:
            """
                .formatted(dir.resolve("state")));

    Result result = CliRunner.run("run", "--config", config.toString(), "--topology", "all");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("no configured topology selected"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldRequireATopology() {
    Result result = CliRunner.run("run");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("--topology"), result::describe);
  }

  @Test
  void shouldRejectBrokenConfig() {
    Path config =
        CliRunner.write(
            dir,
            "broken.yaml",
            """
            kafka:
              bootstrap-servers: 127.0.0.1:1
            app:
              state-dir: /tmp/x
              http-port: seventy
            topologies:
            """);

    Result result =
        CliRunner.run("run", "--config", config.toString(), "--topology", "observation-alerting");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("kafka.schema-registry-url"), result::describe);
    assertTrue(result.err().contains("app.http-port (line 5)"), result::describe);
    CliRunner.assertNoStackTrace(result);
  }

  @Test
  void shouldFailWithinBoundedTimeNamingAnUnreachableCluster() {
    String bootstrap = "127.0.0.1:" + CliRunner.unusedPort();
    Path stateDir = dir.resolve("state");
    Path config =
        CliRunner.write(
            dir,
            "config.yaml",
            CliRunner.validConfig(bootstrap, "mock://run-unreachable", stateDir));

    Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                CliRunner.run(
                    "run", "--config", config.toString(), "--topology", "observation-alerting"));

    assertEquals(1, result.exitCode(), result::describe);
    assertTrue(result.err().contains("Kafka at " + bootstrap), result::describe);
    assertTrue(result.err().contains("did not answer within 3 s"), result::describe);
    assertTrue(!Files.exists(stateDir), "state dir created before the pre-flight check passed");
    CliRunner.assertNoStackTrace(result);
  }
}
