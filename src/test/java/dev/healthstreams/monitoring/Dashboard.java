package dev.healthstreams.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Grafana dashboard: its rows, their panels, and the PromQL of every panel's targets. */
public record Dashboard(JsonNode json) {
  public static final Path FILE = Path.of("deploy/grafana/healthstreams.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Dashboard read(Path file) throws IOException {
    return new Dashboard(JSON.readTree(file.toFile()));
  }

  /**
   * Row title -> the panels under it, in order: a row's panels follow it in {@code panels} while it
   * is expanded and sit in its own {@code panels} while collapsed.
   */
  public Map<String, List<JsonNode>> rows() {
    Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
    List<JsonNode> current = null;
    for (JsonNode panel : json.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        current = new ArrayList<>();
        rows.put(panel.path("title").asText(), current);
        panel.path("panels").forEach(current::add);
      } else if (current != null) {
        current.add(panel);
      } else {
        rows.computeIfAbsent("", t -> new ArrayList<>()).add(panel);
      }
    }
    return rows;
  }

  /** Every PromQL expression of every panel's targets. */
  public List<String> expressions() {
    List<String> exprs = new ArrayList<>();
    rows().values().forEach(panels -> panels.forEach(p -> exprs.addAll(expressions(p))));
    return exprs;
  }

  public static List<String> expressions(JsonNode panel) {
    List<String> exprs = new ArrayList<>();
    panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText("")));
    return exprs;
  }
}
