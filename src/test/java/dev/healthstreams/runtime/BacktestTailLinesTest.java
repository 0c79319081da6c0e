package dev.healthstreams.runtime;

import static dev.healthstreams.runtime.BacktestFiles.observation;
import static dev.healthstreams.runtime.BacktestFiles.read;
import static dev.healthstreams.runtime.BacktestFiles.tailLine;
import static dev.healthstreams.runtime.BacktestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.ValueFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole `tail` lines replay as they were recorded: key, headers, timestamp and value, with the
 * repository's topologies.yaml (heart rate >= 131 is tachycardia-severe, critical).
 */
class BacktestTailLinesTest {
  private static final long RECORDED_AT = Instant.parse("2024-03-01T12:00:05Z").toEpochMilli();

  @TempDir Path work;
  private AppConfig config;

  @BeforeEach
  void loadTheRepositoryConfig() throws IOException {
    Path stateDir = Files.createDirectories(work.resolve("state"));
    config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("HEALTHSTREAMS_STATE_DIR", stateDir.toString()))
            .load(Path.of("topologies.yaml"));
  }

  @Test
  void shouldReplayKeyHeadersTimestampAndValueOfTailLines() {
    Path observations =
        write(
            work,
            "observations.ndjson",
            List.of(
                tailLine(
                    "fhir.observation",
                    RECORDED_AT,
                    "key-1",
                    List.of("correlation-id", "corr-1"),
                    observation("o1", "p1", 150)),
                tailLine(
                    "fhir.observation",
                    RECORDED_AT + 1_000,
                    "key-poison",
                    List.of("traceparent", "00-abc-01"),
                    "this is not json")));

    Backtest.run(
        config, "observation-alerting", Map.of("observations", List.of(observations)), out("1"));

    List<JsonNode> alerts = read(out("1").resolve("alerts.ndjson"));
    assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
    JsonNode alert = alerts.get(0);
    assertEquals("o1:tachycardia-severe", alert.path("value").path("alertId").asText());
    assertEquals(RECORDED_AT, alert.path("timestamp").asLong(), "the line's timestamp");
    assertEquals(
        "corr-1",
        alert.path("value").path("metadata").path("correlationId").asText(),
        "from the line's correlation-id header");

    JsonNode letter = onlyDeadLetter(out("1"));
    assertEquals("key-poison", letter.path("key").asText(), "the line's key, not a resource id");
    assertEquals("this is not json", letter.path("value").asText());
    assertEquals("00-abc-01", letter.path("headers").path("traceparent").asText(null));
    assertEquals("not-json", letter.path("headers").path("healthstreams.error.reason").asText());
    assertEquals("1", letter.path("headers").path("healthstreams.source.offset").asText());
  }

  @Test
  void shouldReplayABacktestsOwnDeadLetterOutputAsItsInput() throws IOException {
    Path observations =
        write(
            work,
            "observations.ndjson",
            List.of(
                tailLine(
                    "fhir.observation",
                    RECORDED_AT,
                    "key-poison",
                    List.of("traceparent", "00-abc-01"),
                    "{\"resourceType\":\"Observation\",\"id\":\"cut-off\""),
                observation("o2", "p2", 35)));
    Backtest.run(
        config, "observation-alerting", Map.of("observations", List.of(observations)), out("1"));
    JsonNode first = onlyDeadLetter(out("1"));

    // The dead-letter file is tail lines: fed back, the record fails the same way, as it was.
    Backtest.run(
        config,
        "observation-alerting",
        Map.of("observations", List.of(out("1").resolve("dead-letter.ndjson"))),
        out("2"));

    JsonNode second = onlyDeadLetter(out("2"));
    assertEquals(first.path("key"), second.path("key"));
    assertEquals(first.path("value"), second.path("value"));
    assertEquals("00-abc-01", second.path("headers").path("traceparent").asText(null));
    assertEquals("not-json", second.path("headers").path("healthstreams.error.reason").asText());
    assertTrue(Files.readString(out("2").resolve("alerts.ndjson")).isBlank());
  }

  @Test
  void shouldFeedAOneTopicRoleWhateverTopicTheLineWasRecordedOn() {
    Path file =
        write(
            work,
            "observations.ndjson",
            List.of(
                tailLine(
                    "source.ehr.observation",
                    RECORDED_AT,
                    "k",
                    List.of(),
                    observation("o3", "p3", 150))));

    Backtest.run(config, "observation-alerting", Map.of("observations", List.of(file)), out("1"));

    List<JsonNode> alerts = read(out("1").resolve("alerts.ndjson"));
    assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
    assertEquals("o3:tachycardia-severe", alerts.get(0).path("value").path("alertId").asText());
  }

  @Test
  void shouldTakeTheTopicFromTheLineOnARoleThatReadsSeveralAndRefuseOthers() {
    TopicRole<byte[]> sources =
        TopicRole.streamInput("sources", ValueFormat.json(), "several sources").reading(true);
    InputLineParser parser = new InputLineParser(sources, List.of("src.a", "src.b"), null);

    InputRecord record =
        parser.parse(bytes(tailLine("src.b", RECORDED_AT, "k", List.of(), "{}")), "f record 1");
    assertEquals("src.b", record.topic());
    assertEquals(RECORDED_AT, record.time());

    BacktestInputException otherTopic =
        assertThrows(
            BacktestInputException.class,
            () -> parser.parse(bytes(tailLine("src.c", null, "k", List.of(), "{}")), "f record 2"));
    assertTrue(otherTopic.getMessage().contains("'src.c'"), otherTopic.getMessage());
    assertTrue(otherTopic.getMessage().startsWith("f record 2"), otherTopic.getMessage());
    BacktestInputException bareLine =
        assertThrows(
            BacktestInputException.class,
            () -> parser.parse(bytes("{\"id\":\"x\"}"), "f record 3"));
    assertTrue(bareLine.getMessage().contains("reads several topics"), bareLine.getMessage());
  }

  private static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode onlyDeadLetter(Path out) {
    List<JsonNode> letters = read(out.resolve("dead-letter.ndjson"));
    assertEquals(1, letters.size(), () -> "dead letters: " + letters);
    return letters.get(0);
  }

  private Path out(String run) {
    return work.resolve("out-" + run);
  }
}
