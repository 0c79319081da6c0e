package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.testkit.Synthea;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backtest of medication-interaction over the Synthea export, against a simple simulation written
 * here. A bulk export holds each request's final state only; the stream it came from had the
 * history, so the test replays each request as created active at authoredOn, then in its final
 * state 90 days later, in time order.
 */
class InteractionBacktestSyntheaTest {
  static final Path SYNTHEA = Synthea.dir();
  static final Path KNOWLEDGE = Path.of("src/main/resources/knowledge/interactions.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path history;
  static Map<String, String> alerts;

  @BeforeAll
  static void runBacktest() throws Exception {
    assertTrue(
        Files.isDirectory(SYNTHEA),
        "the Synthea export is expected at " + SYNTHEA.toAbsolutePath());
    history = writeHistory(dir.resolve("medication-request-history.ndjson"));
    AppConfig config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("HEALTHSTREAMS_STATE_DIR", dir.resolve("state").toString()))
            .load(Path.of("topologies.yaml"));
    Path out = dir.resolve("out");
    Backtest.run(
        config,
        MedicationInteractionTopology.NAME,
        Map.of(
            "patients", List.of(SYNTHEA.resolve("Patient.ndjson.gz")),
            "medications", List.of(SYNTHEA.resolve("Medication.ndjson.gz")),
            "medication-requests", List.of(history)),
        out);
    alerts = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("alerts.ndjson"))) {
      JsonNode value = JSON.readTree(line).path("value");
      alerts.put(value.path("alertId").asText(), value.path("severity").asText());
    }
    assertTrue(Files.readString(out.resolve("dead-letter.ndjson")).isBlank(), "no dead letters");
  }

  @Test
  void shouldWriteExactlyTheAlertsOfTheSimpleSimulation() throws Exception {
    Map<String, String> expected =
        new SimpleInteractionOracle(Files.readString(KNOWLEDGE))
            .run(List.of(SYNTHEA.resolve("Medication.ndjson.gz")), List.of(history));

    assertTrue(expected.size() > 0, "the shipped knowledge fires on the sample");
    assertEquals(expected, alerts);
  }

  @Test
  void shouldWriteEachPairOnce() throws Exception {
    long lines = Files.readAllLines(dir.resolve("out").resolve("alerts.ndjson")).size();
    assertEquals(alerts.size(), lines);
  }

  /** Each request active at authoredOn, then (if it ended) in its final state 90 days later. */
  private static Path writeHistory(Path file) throws Exception {
    record Event(long time, int order, String json) {}
    List<Event> events = new ArrayList<>();
    int order = 0;
    for (JsonNode request :
        SimpleInteractionOracle.lines(SYNTHEA.resolve("MedicationRequest.ndjson.gz"))) {
      long authored =
          OffsetDateTime.parse(request.path("authoredOn").asText()).toInstant().toEpochMilli();
      ObjectNode created = request.deepCopy();
      created.put("status", "active");
      events.add(new Event(authored, order++, JSON.writeValueAsString(created)));
      if (!"active".equals(request.path("status").asText())) {
        events.add(
            new Event(
                authored + Duration.ofDays(90).toMillis(),
                order++,
                JSON.writeValueAsString(request)));
      }
    }
    events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::order));
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Event event : events) {
        out.write(event.json());
        out.newLine();
      }
    }
    return file;
  }
}
