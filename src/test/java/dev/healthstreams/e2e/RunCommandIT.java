package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.SyntheaExport;
import dev.healthstreams.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path end to end: the jar started with the container's command line against a real
 * broker and a real schema registry, the Synthea export replayed with `replay`, alerts read back
 * with `tail`, then a SIGTERM and a restart on the same state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestCluster cluster;
  static Path config;
  static int httpPort;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestCluster.start(dir.resolve("cluster"));
    httpPort = Http.freePort();
    config = cluster.writeConfig(dir.resolve("topologies.yaml"), dir.resolve("state"), httpPort);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The container's command line (Dockerfile ENTRYPOINT + CMD). */
  static JarProcess startApp() throws Exception {
    return JarProcess.start(
        dir.resolve("app"), Map.of(), "run", "--config", config.toString(), "--topology", "all");
  }

  @Test
  @Order(1)
  void shouldExitOneNamingTheMissingInputTopics() throws Exception {
    try (JarProcess app = startApp()) {
      assertEquals(1, app.awaitExit(Duration.ofSeconds(90)));
      String err = app.stderr();
      assertTrue(err.contains("fhir.observation") && err.contains("fhir.patient"), err);
      assertTrue(!err.contains("\tat "), "no stack trace: " + err);
    }
  }

  @Test
  @Order(2)
  void shouldExitOneWhenTheRegistryIsUnreachable() throws Exception {
    cluster.createTopicsOfAll(config); // the container runs them `all`
    Path broken = dir.resolve("no-registry.yaml");
    Files.writeString(
        broken,
        Files.readString(config)
            .replace(cluster.registry.url(), "http://127.0.0.1:" + Http.freePort()));
    try (JarProcess app =
        JarProcess.start(
            dir.resolve("app"),
            Map.of(),
            "run",
            "--config",
            broken.toString(),
            "--topology",
            "all")) {
      assertEquals(1, app.awaitExit(Duration.ofSeconds(90)));
      assertTrue(app.stderr().contains("unreachable"), app.stderr());
    }
  }

  @Test
  @Order(3)
  void shouldAlertOnTheSyntheaExportDeadLetterBadRecordsAndKeepStateAcrossRestart()
      throws Exception {
    cluster.createTopicsOfAll(config);
    Path good = dir.resolve("good-after-bad.ndjson");
    Files.writeString(good, goodObservation() + "\n");
    Path bad = dir.resolve("bad.ndjson");
    Files.writeString(bad, BAD_RECORDS + goodObservation() + "\n");
    ExpectedAlerts synthea = ExpectedAlerts.of(List.of(SyntheaExport.observations()));
    ExpectedAlerts expected = ExpectedAlerts.of(List.of(SyntheaExport.observations(), good));

    List<JsonNode> alerts;
    try (JarProcess app = startApp()) {
      awaitReady(app);
      replay("fhir.patient", SyntheaExport.patients());
      replay("fhir.observation", SyntheaExport.observations());
      replay("fhir.observation", bad);

      int written =
          AppMetrics.awaitEveryFiringGated(base(), expected.firings().size(), "suppressed");
      alerts = tail("clinical.alerts", written);
      assertEquals(written, alerts.size());
      expected.assertPossibleOutcome(Topics.alertIds(alerts));
      for (JsonNode alert : alerts) {
        assertTrue(!alert.path("value").path("patientMrn").isNull(), "enriched: " + alert);
        assertEquals(alert.path("value").path("patientId").asText(), alert.path("key").asText());
      }

      List<JsonNode> deadLetters = tail("healthstreams.observation-alerting.dlq", 3);
      assertEquals(Set.of("not-json", "wrong-resource-type", "no-subject"), reasons(deadLetters));
      String metrics = Http.get(base() + "/metrics").body();
      assertEquals(
          1.0,
          AppMetrics.metric(metrics, "healthstreams_dead_letters_total", "reason=\"not-json\""));
      assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams metrics exported");

      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
      assertTrue(
          app.stderr().contains("-> NOT_RUNNING"),
          "closed cleanly:\n" + JarProcess.tail(app.stderr()));
    }

    // Restart on the same state: the same observations delivered again never alert twice.
    try (JarProcess app = startApp()) {
      awaitReady(app);
      replay("fhir.observation", SyntheaExport.observations());
      assertEquals(
          0, AppMetrics.awaitEveryFiringGated(base(), synthea.firings().size(), "duplicate"));
      List<JsonNode> all = tail("clinical.alerts", Integer.MAX_VALUE, Duration.ofSeconds(5));
      assertEquals(alerts.size(), all.size(), "no alert written twice");
      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }
  }

  private static void awaitReady(JarProcess app) throws Exception {
    Await.until(
        "/health/ready to answer 200",
        Duration.ofSeconds(120),
        () -> {
          if (!app.isAlive()) {
            throw new AssertionError("app exited:\n" + JarProcess.tail(app.stderr()));
          }
          return Http.get(base() + "/health/ready").statusCode() == 200;
        });
    JsonNode health = JSON.readTree(Http.get(base() + "/health/ready").body());
    assertEquals(
        "RUNNING", health.path("topologies").path("observation-alerting").path("state").asText());
    assertEquals(200, Http.get(base() + "/health/live").statusCode());
  }

  private static void replay(String topic, Path file) {
    Topics.replay(Topics.connection(config, null), topic, file);
  }

  private static List<JsonNode> tail(String topic, int max) throws Exception {
    return tail(topic, max, Duration.ofSeconds(90));
  }

  private static List<JsonNode> tail(String topic, int max, Duration idle) throws Exception {
    return Topics.tail(Topics.connection(config, null), topic, max, idle);
  }

  private static String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  private static Set<String> reasons(List<JsonNode> deadLetters) {
    Set<String> reasons = new HashSet<>();
    deadLetters.forEach(
        d -> reasons.add(d.path("headers").path("healthstreams.error.reason").asText()));
    return reasons;
  }

  /** Three bad records; the good one written after them must still be processed. */
  static final String BAD_RECORDS =
      "this is not json\n"
          + "{\"resourceType\":\"Patient\",\"id\":\"it-wrong-type\"}\n"
          + "{\"resourceType\":\"Observation\",\"id\":\"it-no-subject\",\"status\":\"final\"}\n";

  private static String goodObservation() throws Exception {
    return "{\"resourceType\":\"Observation\",\"id\":\"it-good-after-bad\",\"status\":\"final\","
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
        + "\"subject\":{\"reference\":\"Patient/"
        + firstPatientId()
        + "\"},\"effectiveDateTime\":\"2024-05-01T10:00:00Z\","
        + "\"valueQuantity\":{\"value\":150,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
  }

  private static String firstPatientId() throws Exception {
    try (var in =
        new java.util.zip.GZIPInputStream(Files.newInputStream(SyntheaExport.patients()))) {
      String first =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
      return JSON.readTree(first).path("id").asText();
    }
  }
}
