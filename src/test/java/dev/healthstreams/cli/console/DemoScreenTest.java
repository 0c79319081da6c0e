package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.cli.console.DemoScreen.Link;
import dev.healthstreams.cli.console.DemoScreen.Row;
import dev.healthstreams.cli.console.DemoTally.TopologyCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoScreenTest {
  private static final Row ALERTING =
      new Row(
          new TopologyCounts(
              "alerting",
              new TreeMap<>(Map.of("alerts", 3L, "routes", 2L)),
              new TreeMap<>(Map.of("unparsable", 1L)),
              List.of("HIGH r1 patient=p1", "LOW r2 patient=p2", "HIGH r3 patient=p3")),
          "RUNNING",
          10,
          12);
  private static final Row SYNC =
      new Row(new TopologyCounts("sync", Map.of(), Map.of(), List.of()), "REBALANCING", 0, 0);

  @Test
  void shouldShowFiguresOutputsDeadLettersTheLastOutputsAndLinks() {
    List<String> lines =
        DemoScreen.render(
            "header",
            List.of(ALERTING, SYNC),
            List.of(new Link("health", "http://h/health/ready"), new Link("sync", "http://h/s/1")),
            2);
    assertEquals(
        List.of(
            "header",
            "alerting  RUNNING     in 10/12  out 5  dead 1",
            "  outputs: alerts=3 routes=2",
            "  dead letters: unparsable=1",
            "  > LOW r2 patient=p2",
            "  > HIGH r3 patient=p3",
            "sync      REBALANCING in 0/0  out 0  dead 0",
            "try:",
            "  health    http://h/health/ready",
            "  sync      http://h/s/1"),
        lines);
  }

  @Test
  void shouldShowNoRecentOutputsWhenAskedForNone() {
    List<String> lines = DemoScreen.render("header", List.of(ALERTING), List.of(), 0);
    assertEquals(5, lines.size(), String.join("\n", lines));
  }
}
