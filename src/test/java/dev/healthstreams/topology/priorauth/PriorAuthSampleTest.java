package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.serde.AvroFromJson;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo sample, read as demo and backtest read Avro JSON lines, run with the wall clock of a
 * demo in December 2026: the two open PAs breach at the first SLA check.
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
        JsonNode node = json.readTree(line);
        events.add(AvroFromJson.read(node, PriorAuthStatusChanged.class));
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
}
