package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.cli.console.DemoTally.TopologyCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTallyTest {
  @Test
  void shouldCountOutputsByKindAndDeadLettersByReasonAndKeepTheLastFew() {
    DemoTally tally = new DemoTally(List.of("b-topology", "a-topology"), 2);
    tally.output("a-topology", "alerts", "one");
    tally.output("a-topology", "alerts", "two");
    tally.output("a-topology", "views", "three");
    tally.deadLetter("a-topology", "unparsable");
    tally.deadLetter("a-topology", "unparsable");
    tally.deadLetter("a-topology", "no-patient");

    List<TopologyCounts> snapshot = tally.snapshot();
    assertEquals(
        List.of("b-topology", "a-topology"), snapshot.stream().map(TopologyCounts::name).toList());
    TopologyCounts a = snapshot.get(1);
    assertEquals(Map.of("alerts", 2L, "views", 1L), a.outputs());
    assertEquals(3, a.outputTotal());
    assertEquals(Map.of("unparsable", 2L, "no-patient", 1L), a.deadLetters());
    assertEquals(3, a.deadLetterTotal());
    assertEquals(List.of("two", "three"), a.last());
    assertEquals(0, snapshot.get(0).outputTotal());
    assertEquals(6, tally.events());
  }
}
