package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.runtime.EmbeddedEnv;
import dev.healthstreams.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run --embedded` as a user runs it, with `replay` and `tail` in "another shell" finding it
 * through embedded.env; then a restart on the same data dir still has the topics, the records and
 * the schemas they were written with.
 */
class EmbeddedModeIT {
  static final Path SAMPLE = Path.of("src/main/resources/sample");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldServeSecondProcessesAndKeepItsDataAcrossRestart() throws Exception {
    Path home = dir.resolve("home");
    Path envFile = home.resolve("embedded.env");
    int httpPort = Http.freePort();
    ExpectedAlerts expected = ExpectedAlerts.of(List.of(SAMPLE.resolve("Observation.ndjson.gz")));

    EmbeddedEnv firstAddresses;
    List<String> written;
    try (JarProcess app = startEmbedded(home, httpPort)) {
      awaitReady(app, httpPort);
      firstAddresses = EmbeddedEnv.read(envFile).orElseThrow();
      replay(envFile, "fhir.patient", SAMPLE.resolve("Patient.ndjson.gz"));
      replay(envFile, "fhir.observation", SAMPLE.resolve("Observation.ndjson.gz"));
      int count =
          AppMetrics.awaitEveryFiringGated(
              "http://127.0.0.1:" + httpPort, expected.firings().size(), "suppressed");
      written = Topics.alertIds(tail(envFile, count, Duration.ofSeconds(90)));
      assertEquals(count, written.size());
      expected.assertPossibleOutcome(written);
      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }

    try (JarProcess app = startEmbedded(home, httpPort)) {
      awaitReady(app, httpPort);
      assertEquals(firstAddresses, EmbeddedEnv.read(envFile).orElseThrow(), "same addresses");
      List<JsonNode> kept = tail(envFile, written.size(), Duration.ofSeconds(30));
      assertEquals(
          Set.copyOf(written),
          Set.copyOf(Topics.alertIds(kept)),
          "records and schema ids survive the restart");
      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }
  }

  private static void replay(Path envFile, String topic, Path file) {
    Topics.replay(Topics.connection(Path.of("topologies.yaml"), envFile), topic, file);
  }

  private static List<JsonNode> tail(Path envFile, int max, Duration idle) throws Exception {
    List<JsonNode> records =
        Topics.tail(
            Topics.connection(Path.of("topologies.yaml"), envFile), "clinical.alerts", max, idle);
    for (JsonNode record : records) {
      assertTrue(record.path("value").has("alertId"), "decoded through the registry: " + record);
    }
    return records;
  }

  private JarProcess startEmbedded(Path home, int httpPort) throws Exception {
    return JarProcess.start(
        dir.resolve("cwd"),
        Map.of("HEALTHSTREAMS_HTTP_PORT", Integer.toString(httpPort)),
        "run",
        "--embedded",
        "--embedded-home",
        home.toString(),
        "--config",
        Path.of("topologies.yaml").toAbsolutePath().toString(),
        "--topology",
        "all");
  }

  private static void awaitReady(JarProcess app, int port) throws Exception {
    Await.until(
        "embedded mode ready",
        Duration.ofSeconds(180),
        () -> {
          if (!app.isAlive()) {
            throw new AssertionError("exited:\n" + JarProcess.tail(app.stderr()));
          }
          return Http.get("http://127.0.0.1:" + port + "/health/ready").statusCode() == 200;
        });
  }
}
