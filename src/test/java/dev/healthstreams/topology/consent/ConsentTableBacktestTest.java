package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo samples through `backtest`: consent events as Avro JSON lines, requests as JSON.
 * Expected by hand from how the samples were made: 12 patients granted TREAT/ETREAT to
 * partner-hospital, those at index 0, 3, 6, 9 revoked 30 days later; four requests each on
 * 2020-06-15: partner-hospital TREAT (permitted unless revoked), insurer HPAYMT and partner HOPERAT
 * (not granted) and BTG (break glass).
 */
class ConsentTableBacktestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  @Test
  void samplesDecideAsTheyWereWritten() throws IOException {
    Path events = copy("/sample/PatientConsentEvent.ndjson.gz", "events.ndjson.gz");
    Path requests = copy("/sample/AccessRequest.ndjson.gz", "requests.ndjson.gz");
    String yaml =
        """
        kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://consent-backtest"}
        app: {state-dir: %s}
        topologies:
        %s"""
            .formatted(work.resolve("state"), ConsentTableTopologyTest.CONFIG.indent(2));
    AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(yaml, "test.yaml");
    Path out = work.resolve("out");
    Backtest.run(
        config,
        ConsentTableTopology.NAME,
        Map.of("consent-events", List.of(events), "access-requests", List.of(requests)),
        out);

    Map<String, Integer> reasons = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve("decisions.ndjson"))) {
      JsonNode decision = JSON.readTree(line).path("value");
      reasons.merge(decision.path("reason").asText(), 1, Integer::sum);
    }
    assertEquals(
        Map.of("BREAK_GLASS", 12, "CONSENT_PERMIT", 8, "NO_CONSENT_DEFAULT_DENY", 28), reasons);
    assertEquals(48, Files.readAllLines(out.resolve("audit.ndjson")).size());
    assertEquals(0, Files.readAllLines(out.resolve("dead-letter.ndjson")).size());
  }

  private Path copy(String resource, String name) throws IOException {
    Path target = work.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }
}
