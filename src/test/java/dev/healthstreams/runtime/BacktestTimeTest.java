package dev.healthstreams.runtime;

import static dev.healthstreams.runtime.BacktestFiles.envelope;
import static dev.healthstreams.runtime.BacktestFiles.observation;
import static dev.healthstreams.runtime.BacktestFiles.read;
import static dev.healthstreams.runtime.BacktestFiles.tailLine;
import static dev.healthstreams.runtime.BacktestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.obscount.ObservationCountTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record times, the merge of stream files by time, and the wall clock, seen through two test-only
 * topologies: observation-count (each patient's first count carries its Observation's timestamp,
 * and counts come out in the order Observations were fed) and {@link DeadlineTestTopology} (a
 * wall-clock punctuator).
 */
class BacktestTimeTest {
  private static final TopologyRegistry TOPOLOGIES =
      TopologyRegistry.discover().with(new DeadlineTestTopology());

  @TempDir Path work;

  @Test
  void shouldTimeRecordsByLineThenEnvelopeThenThePreviousRecordThenArrival() {
    Path file =
        write(
            work,
            "observations.ndjson",
            List.of(
                // The line's timestamp wins over the envelope's.
                tailLine(
                    "any-topic",
                    1_000L,
                    "o1",
                    List.of(),
                    envelope(5_000, observation("o1", "pa", 80))),
                // metadata.timestamp as ISO-8601 text.
                envelope("1970-01-01T00:00:07Z", observation("o2", "pb", 80)),
                // No time: the record before it in the file.
                observation("o3", "pc", 80),
                // A poison line takes that time too, so it moves nothing forward...
                "this is not json",
                // ...and the next line without a time still gets 7 s, not the poison's arrival.
                observation("o4", "pd", 80),
                // An explicit time may go back.
                envelope(4_000, observation("o5", "pe", 80))));

    Map<String, Long> times = countTimes(runObservationCount(List.of(file)));

    assertEquals(
        Map.of("pa", 1_000L, "pb", 7_000L, "pc", 7_000L, "pd", 7_000L, "pe", 4_000L), times);
    assertEquals(1, read(out().resolve("dead-letter.ndjson")).size(), "the poison line");
  }

  @Test
  void shouldGiveLinesBeforeAnyTimeTheirArrivalOneMillisecondARecord() {
    Path file =
        write(
            work,
            "observations.ndjson",
            List.of(
                observation("q1", "pa", 80),
                observation("q2", "pb", 80),
                envelope(9_000, observation("q3", "pc", 80)),
                observation("q4", "pd", 80)));

    Map<String, Long> times = countTimes(runObservationCount(List.of(file)));

    assertEquals(Map.of("pa", 0L, "pb", 1L, "pc", 9_000L, "pd", 9_000L), times);
  }

  @Test
  void shouldMergeStreamFilesInTimeOrderKeepingEachFilesOwnOrder() {
    Path first =
        write(
            work,
            "first.ndjson",
            List.of(
                envelope(1_000, observation("a1", "a1", 80)),
                envelope(3_000, observation("a2", "a2", 80)),
                // Earlier than the line before it: stays after it, as in its file.
                envelope(2_500, observation("a3", "a3", 80))));
    Path second =
        write(
            work,
            "second.ndjson",
            List.of(
                envelope(2_000, observation("b1", "b1", 80)),
                // Same time as a2: the file given first goes first.
                envelope(3_000, observation("b2", "b2", 80))));

    List<JsonNode> counts = runObservationCount(List.of(first, second));

    // Heads 1000|2000 -> a1; 3000|2000 -> b1; 3000|3000 -> a2 (first file); 2500|3000 -> a3; b2.
    assertEquals(List.of("a1", "b1", "a2", "a3", "b2"), keys(counts));
    assertEquals(
        List.of(1_000L, 2_000L, 3_000L, 2_500L, 3_000L),
        counts.stream().map(c -> c.path("timestamp").asLong()).toList());
  }

  @Test
  void shouldFireWallClockPunctuatorsBeforeTheFirstRecordAtOrPastTheirDeadline() {
    long t0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    long minute = Duration.ofMinutes(1).toMillis();
    Path events =
        write(
            work,
            "events.ndjson",
            List.of(
                tailLine("events", t0, "a", List.of(), "{}"), // due t0 + 60
                tailLine("events", t0 + 30 * minute, "b", List.of(), "{}"), // due t0 + 90
                tailLine("events", t0 + 61 * minute, "c", List.of(), "{}"),
                // No time: takes t0 + 61 from the line before, so the clock does not move.
                tailLine("events", null, "x", List.of(), "{}"),
                tailLine("events", t0 + 120 * minute, "d", List.of(), "{}")));
    AppConfig config =
        config(
            """
              deadline-test:
                topics: {events: events, out: out, dead-letter: deadline.dlq}
            """);

    Backtest.run(config, DeadlineTestTopology.NAME, Map.of("events", List.of(events)), out());

    List<String> written = new ArrayList<>();
    for (JsonNode line : read(out().resolve("out.ndjson"))) {
      written.add(line.path("value").asText() + " @" + line.path("timestamp").asLong());
    }
    assertEquals(
        List.of(
            "seen a @" + t0,
            "seen b @" + (t0 + 30 * minute),
            // The clock reaches t0 + 61 before c: a (due t0 + 60) fires there, b not yet.
            "due a at " + (t0 + 61 * minute) + " @" + (t0 + 61 * minute),
            "seen c @" + (t0 + 61 * minute),
            "seen x @" + (t0 + 61 * minute),
            // Before d, at t0 + 120: b (due t0 + 90); c and x (due t0 + 121) stay pending.
            "due b at " + (t0 + 120 * minute) + " @" + (t0 + 120 * minute),
            "seen d @" + (t0 + 120 * minute)),
        written);
  }

  // ---- fixtures

  private List<JsonNode> runObservationCount(List<Path> files) {
    AppConfig config =
        config(
            """
              observation-count:
                topics: {observations: fhir.observation, counts: counts, dead-letter: count.dlq}
            """);
    Backtest.run(config, ObservationCountTopology.NAME, Map.of("observations", files), out());
    return read(out().resolve("counts.ndjson"));
  }

  private static Map<String, Long> countTimes(List<JsonNode> counts) {
    Map<String, Long> times = new LinkedHashMap<>();
    counts.forEach(c -> times.put(c.path("key").asText(), c.path("timestamp").asLong()));
    return times;
  }

  private static List<String> keys(List<JsonNode> counts) {
    return counts.stream().map(c -> c.path("key").asText()).toList();
  }

  private AppConfig config(String topologies) {
    String yaml =
        """
        kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://backtest-time"}
        app: {state-dir: %s}
        topologies:
        %s"""
            .formatted(work.resolve("state"), topologies);
    return TOPOLOGIES.loader(Map.of()).load(yaml, "test.yaml");
  }

  private Path out() {
    return work.resolve("out");
  }
}
