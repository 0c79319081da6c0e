package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.ProjectRoot;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.serde.AvroFromJson;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo sample, read as demo and backtest read Avro JSON lines, run with the wall clock of a
 * demo in December 2026: the two open PAs breach at the first SLA check. Then the same file through
 * {@code backtest}, whose wall clock follows the records.
 */
class PriorAuthSampleTest {
  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(PriorAuthTopology.NAME, PriorAuthDriver.yaml(""))
          .startingAt(Instant.parse("2026-12-01T00:00:00Z"));

  static List<PriorAuthStatusChanged> sample() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<PriorAuthStatusChanged> events = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    PriorAuthSampleTest.class.getResourceAsStream(
                        PriorAuthTopology.STATUS_EVENTS.sample())),
                StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        // Whole `tail` lines: the key (the PA id) is the line's, the value an Avro record as tail
        // prints it.
        JsonNode node = json.readTree(line);
        PriorAuthStatusChanged event =
            AvroFromJson.read(node.get("value"), PriorAuthStatusChanged.class);
        assertEquals(event.getPayload().getPriorAuthId(), node.get("key").asText());
        events.add(event);
      }
    }
    return events;
  }

  @Test
  void shouldShowBreachesAnAnomalyAndDecisionsInADemoRun() throws IOException {
    PriorAuthDriver pa = new PriorAuthDriver(kit.kit());
    List<PriorAuthStatusChanged> events = sample();
    events.forEach(pa::pipe);

    kit.advanceWallClock(Duration.ofMinutes(1));

    assertEquals(
        List.of("pa-demo-2", "pa-demo-6"),
        pa.slaEvents().stream().map(PriorAuthSlaEvent::getPriorAuthId).sorted().toList());
    // pa-demo-7: SUBMITTED -> INITIATED, then INITIATED -> APPROVED (the first was applied);
    // pa-demo-8: its APPROVED arrived first (start -> APPROVED).
    assertEquals(
        List.of("pa-demo-7", "pa-demo-7", "pa-demo-8"),
        pa.anomalies().stream().map(a -> a.getPriorAuthId()).sorted().toList());
    assertEquals("APPROVED", pa.view("pa-demo-3").getStatus());
    assertEquals("MODIFIED", pa.view("pa-demo-4").getStatus());
    assertEquals(8, pa.latestViews().size());
  }

  @Test
  void shouldBacktestTheSampleBreachingWhereTheRecordsPassTheDeadline(@TempDir Path out)
      throws IOException {
    Path sample = out.resolve("sample.ndjson.gz");
    try (var in =
        PriorAuthSampleTest.class.getResourceAsStream(PriorAuthTopology.STATUS_EVENTS.sample())) {
      Files.copy(in, sample);
    }
    AppConfig config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("SCHEMA_REGISTRY_URL", "mock://PriorAuthSampleTest"))
            .load(ProjectRoot.path().resolve("topologies.yaml"));

    Backtest.run(config, PriorAuthTopology.NAME, Map.of("status-events", List.of(sample)), out);

    // pa-demo-2 (urgent, submitted 2026-11-05T08:00) passes its deadline before the records end;
    // pa-demo-6's deadline (2026-11-19T14:00) comes after the last record.
    List<String> sla = Files.readAllLines(out.resolve("sla.ndjson"));
    assertEquals(1, sla.size(), sla::toString);
    assertTrue(sla.get(0).contains("\"priorAuthId\":\"pa-demo-2\""), sla.get(0));
    assertEquals(0, Files.readAllLines(out.resolve("dead-letter.ndjson")).size());
  }
}
