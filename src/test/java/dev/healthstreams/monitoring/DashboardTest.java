package dev.healthstreams.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/grafana/healthstreams.json: its shape (the metrics it names: MetricsCoverageIT). */
class DashboardTest {
  private static final List<String> PER_TOPOLOGY =
      List.of(
          "Input",
          "Outputs",
          "Dead letters",
          "End-to-end latency",
          "Consumer lag",
          "State restore",
          "RocksDB memory",
          "Threads");

  private static List<String> shippedTopologies() {
    return List.copyOf(
        TopologyRegistry.discover()
            .loader(Map.of())
            .load(Path.of("topologies.yaml"))
            .topologies()
            .keySet());
  }

  /** consent-table's counters carry no topology label: it is their only writer. */
  private static boolean withoutTopologyLabel(String expr) {
    return PromQl.metricNames(expr).stream().allMatch(m -> m.startsWith("healthstreams_consent_"));
  }

  @Test
  void shouldHaveARowPerShippedTopologyAndOneForQueries() throws Exception {
    Map<String, List<JsonNode>> rows = Dashboard.read(Dashboard.FILE).rows();
    Set<String> expected = new HashSet<>(shippedTopologies());
    expected.add("Queries");
    assertEquals(expected, rows.keySet());
    assertEquals("Queries", List.copyOf(rows.keySet()).get(rows.size() - 1), "queries last");
  }

  @Test
  void shouldShowTheSameKindsOfPanelsForEveryTopologyAndOnlyThatTopology() throws Exception {
    Map<String, List<JsonNode>> rows = Dashboard.read(Dashboard.FILE).rows();
    for (String topology : shippedTopologies()) {
      List<JsonNode> panels = rows.get(topology);
      for (String kind : PER_TOPOLOGY) {
        assertTrue(
            panels.stream().anyMatch(p -> p.path("title").asText().startsWith(kind)),
            topology + " has a panel '" + kind + "...'");
      }
      for (JsonNode panel : panels) {
        for (String expr : Dashboard.expressions(panel)) {
          assertTrue(
              expr.contains("topology=\"" + topology + "\"") || withoutTopologyLabel(expr),
              topology + " / " + panel.path("title").asText() + " selects its topology: " + expr);
        }
      }
    }
  }

  @Test
  void shouldQueryThePrometheusDatasourceChosenOnImportInEveryPanel() throws Exception {
    Dashboard dashboard = Dashboard.read(Dashboard.FILE);
    JsonNode variable = dashboard.json().path("templating").path("list").path(0);
    assertEquals("datasource", variable.path("type").asText());
    assertEquals("prometheus", variable.path("query").asText());
    String uid = "${" + variable.path("name").asText() + "}";
    Set<Integer> ids = new HashSet<>();
    for (List<JsonNode> panels : dashboard.rows().values()) {
      for (JsonNode panel : panels) {
        String title = panel.path("title").asText();
        assertTrue(ids.add(panel.path("id").asInt()), "unique id: " + title);
        assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("y"), title);
        assertEquals(uid, panel.path("datasource").path("uid").asText(), title);
        assertFalse(panel.path("targets").isEmpty(), "queries something: " + title);
        for (JsonNode target : panel.path("targets")) {
          assertEquals(uid, target.path("datasource").path("uid").asText(), title);
          PromQl.checkBalanced(target.path("expr").asText());
          assertFalse(PromQl.metricNames(target.path("expr").asText()).isEmpty(), title);
        }
      }
    }
  }
}
