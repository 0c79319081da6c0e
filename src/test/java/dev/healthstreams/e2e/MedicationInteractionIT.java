package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.SyntheaExport;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.interaction.SimpleInteractionOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * medication-interaction on a real broker and registry: the knowledge published at start, the
 * Synthea export replayed, every interacting pair of requests active in the export alerted once,
 * and `load-knowledge` reconciling the topic with an edited file.
 */
class MedicationInteractionIT {
  static final Path KNOWLEDGE = Path.of("src/main/resources/knowledge/interactions.yaml");
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
    cluster.createTopicsOf(config, "medication-interaction");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldAlertEveryInteractingActivePairOnceAndReconcileTheKnowledge() throws Exception {
    // In the export every request has its final status: a pair fires when both are active, in
    // whatever order the partitions deliver them.
    Map<String, String> expected =
        new SimpleInteractionOracle(Files.readString(KNOWLEDGE))
            .run(List.of(SyntheaExport.medications()), List.of(SyntheaExport.medicationRequests()));
    assertTrue(expected.size() > 0, "the shipped knowledge fires on the export");

    try (JarProcess app =
        JarProcess.start(
            dir.resolve("app"),
            Map.of(),
            "run",
            "--config",
            config.toString(),
            "--topology",
            "medication-interaction")) {
      Await.until(
          "ready",
          Duration.ofSeconds(120),
          () -> {
            if (!app.isAlive()) {
              throw new AssertionError("exited:\n" + JarProcess.tail(app.stderr()));
            }
            return Http.get("http://127.0.0.1:" + httpPort + "/health/ready").statusCode() == 200;
          });
      replay("fhir.patient", SyntheaExport.patients());
      replay("fhir.medicationrequest", SyntheaExport.medicationRequests());
      // Medications after the requests that reference them: resolved when they arrive.
      replay("fhir.medication", SyntheaExport.medications());

      Await.until(
          expected.size() + " interaction alerts counted",
          Duration.ofSeconds(180),
          () ->
              AppMetrics.sum(
                      Http.get("http://127.0.0.1:" + httpPort + "/metrics").body(),
                      "healthstreams_interaction_alerts_total")
                  >= expected.size());
      Map<String, String> written = new HashMap<>();
      List<JsonNode> alerts = tail("alerts.medication", expected.size() + 1, Duration.ofSeconds(5));
      for (JsonNode alert : alerts) {
        written.put(
            alert.path("value").path("alertId").asText(),
            alert.path("value").path("severity").asText());
        assertTrue(!alert.path("value").path("patientMrn").isNull(), "enriched: " + alert);
      }
      assertEquals(expected, written);
      assertEquals(expected.size(), alerts.size(), "each pair once");

      // Knowledge published at start: one record per interaction of the shipped file.
      long interactions = countByYaml(Files.readString(KNOWLEDGE));
      assertEquals(
          interactions,
          tail("healthstreams.interaction-knowledge", (int) interactions, Duration.ofSeconds(30))
              .size());

      app.terminate();
      app.awaitExit(Duration.ofSeconds(60));
    }

    // An edited file with the first interaction removed: load-knowledge deletes exactly that one.
    Path edited = dir.resolve("edited-knowledge.yaml");
    Files.writeString(edited, withoutFirstInteraction(Files.readString(KNOWLEDGE)));
    Path editedConfig = dir.resolve("edited.yaml");
    Files.writeString(
        editedConfig,
        Files.readString(config)
            .replace("classpath:/knowledge/interactions.yaml", edited.toAbsolutePath().toString()));
    CliRun run = CliRun.of("load-knowledge", "--config", editedConfig.toString()).assertOk();
    assertTrue(run.out().contains("0 written, 1 deleted"), run.out());
    CliRun again = CliRun.of("load-knowledge", "--config", editedConfig.toString()).assertOk();
    assertTrue(again.out().contains("0 written, 0 deleted"), again.out());
  }

  private static void replay(String topic, Path file) {
    Topics.replay(Topics.connection(config, null), topic, file);
  }

  private static List<JsonNode> tail(String topic, int max, Duration idle) throws Exception {
    return Topics.tail(Topics.connection(config, null), topic, max, idle);
  }

  @SuppressWarnings("unchecked")
  private static long countByYaml(String yaml) {
    Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(yaml);
    return ((List<Object>) root.get("interactions")).size();
  }

  @SuppressWarnings("unchecked")
  private static String withoutFirstInteraction(String yaml) {
    Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(yaml);
    List<Object> interactions = new ArrayList<>((List<Object>) root.get("interactions"));
    interactions.remove(0);
    root.put("interactions", interactions);
    return new org.yaml.snakeyaml.Yaml().dump(root);
  }
}
