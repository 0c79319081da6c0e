package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVERDUE through {@code backtest}, which moves the wall clock to each record's time: a golden
 * patient published at t0 must be acknowledged by its three targets within reconcile-within
 * (PT15M). A later patient at t0 + 20 min moves the clock past t0 + 15 min.
 */
class CanonicalSyncBacktestTest {
  private static final long T0 = Instant.parse("2024-05-01T08:00:00Z").toEpochMilli();
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  // The first source record founds its golden patient: version 1 of that id.
  private static final String GOLDEN = IdentityGraph.goldenIdOf(new SourceKey("ehr", "e1"), 0);

  @TempDir Path work;

  @Test
  void shouldWriteOneOverdueWhereTheClockPassesTheDeadlineWhenOneTargetNeverAcknowledges()
      throws IOException {
    Path out =
        run(
            List.of(
                ack("ehr", T0 + MINUTE, "success"), ack("pharmacy", T0 + 2 * MINUTE, "success")));

    // Not complete at t0 + 15: the clock jumps to t0 + 20 before the second patient, and the
    // punctuator finds the version due there. The second patient (due t0 + 35) is not yet due.
    assertEquals(
        List.of("OVERDUE patient/" + GOLDEN + " v1 @" + (T0 + 20 * MINUTE)), reconciliation(out));
  }

  @Test
  void shouldWriteNoOverdueWhenEveryTargetAcknowledgesInTime() throws IOException {
    Path out =
        run(
            List.of(
                ack("ehr", T0 + MINUTE, "success"),
                ack("pharmacy", T0 + 2 * MINUTE, "success"),
                ack("portal", T0 + 14 * MINUTE, "success")));

    assertEquals(
        List.of("COMPLETED patient/" + GOLDEN + " v1 @" + (T0 + 14 * MINUTE)), reconciliation(out));
  }

  // ---- fixtures

  private Path run(List<String> acks) throws IOException {
    Path patients =
        write(
            "patients.ndjson",
            List.of(
                tailLine("source.ehr.patient", T0, "e1", patient("e1", "Robert", "1980-01-01")),
                tailLine(
                    "source.ehr.patient",
                    T0 + 20 * MINUTE,
                    "e2",
                    patient("e2", "Alice", "1975-06-30"))));
    Path acknowledgements = write("acks.ndjson", acks);
    String yaml =
        """
        kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://canonical-backtest"}
        app: {state-dir: %s}
        topologies:
        %s"""
            .formatted(work.resolve("state"), CanonicalSyncTopologyTest.BLOCK.indent(2));
    AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(yaml, "test.yaml");
    Path out = work.resolve("out");
    Backtest.run(
        config,
        CanonicalSyncTopology.NAME,
        Map.of("ehr-patients", List.of(patients), "acknowledgements", List.of(acknowledgements)),
        out);
    List<JsonNode> published = read(out.resolve("patients.ndjson"));
    assertEquals(2, published.size(), "one golden patient each, each version 1");
    assertEquals(GOLDEN, published.get(0).path("key").asText());
    assertEquals(1, published.get(0).path("value").path("version").asLong());
    return out;
  }

  private static List<String> reconciliation(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (JsonNode line : read(out.resolve("reconciliation.ndjson"))) {
      JsonNode value = line.path("value");
      lines.add(
          value.path("kind").asText()
              + " "
              + value.path("entityType").asText()
              + "/"
              + value.path("entityId").asText()
              + " v"
              + value.path("version").asLong()
              + " @"
              + line.path("timestamp").asLong());
    }
    return lines;
  }

  private static ObjectNode patient(String id, String given, String birthDate) {
    return SyncFixtures.ehrPatient(
        id, "1", "2024-04-30T00:00:00Z", given, "Lee", birthDate, "male", "M-" + id);
  }

  private static String ack(String target, long at, String status) {
    return tailLine(
        "target." + target + ".sync.completed",
        at,
        "patient/" + GOLDEN,
        SyncFixtures.ack("patient", GOLDEN, 1, Instant.ofEpochMilli(at).toString(), status));
  }

  private static String tailLine(String topic, long timestamp, String key, JsonNode value) {
    ObjectNode line = SyncFixtures.JSON.createObjectNode();
    line.put("topic", topic);
    line.put("partition", 0);
    line.put("offset", 0);
    line.put("timestamp", timestamp);
    line.put("key", key);
    line.putObject("headers");
    line.set("value", value);
    return line.toString();
  }

  private Path write(String name, List<String> lines) throws IOException {
    Path file = work.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(SyncFixtures.JSON.readTree(line));
    }
    return nodes;
  }
}
