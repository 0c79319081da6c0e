package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void shouldDrawEveryFaultKindInTimeOrderWithinTheFeed() {
    List<FaultPlan.Fault> faults = FaultPlan.draw(new Random(42), 12, 3, Duration.ofSeconds(100));

    assertEquals(14, faults.size());
    assertEquals(12, count(faults, FaultPlan.Kind.KILL_REPLICA));
    assertEquals(1, count(faults, FaultPlan.Kind.RESTART_REPLICA));
    assertEquals(1, count(faults, FaultPlan.Kind.KILL_BROKER));
    for (int i = 0; i < faults.size(); i++) {
      FaultPlan.Fault fault = faults.get(i);
      assertTrue(fault.at().compareTo(Duration.ofSeconds(90)) < 0, fault.toString());
      assertTrue(i == 0 || faults.get(i - 1).at().compareTo(fault.at()) <= 0, "time order");
      assertTrue(
          fault.kind() == FaultPlan.Kind.KILL_BROKER ? fault.replica() == -1 : fault.replica() < 3);
    }
  }

  @Test
  void shouldDrawTheSamePlanFromTheSameSeed() {
    assertEquals(
        FaultPlan.draw(new Random(7), 3, 3, Duration.ofSeconds(40)),
        FaultPlan.draw(new Random(7), 3, 3, Duration.ofSeconds(40)));
  }

  private static long count(List<FaultPlan.Fault> faults, FaultPlan.Kind kind) {
    return faults.stream().filter(f -> f.kind() == kind).count();
  }
}
