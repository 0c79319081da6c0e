package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTableTest {
  private final TransitionTable table = TransitionTable.defaults();

  @Test
  void shouldAllowExactlyTheIssuesTableForEveryPairOfStatuses() {
    int checked = 0;
    for (String from : PriorAuthTransitionsTopologyTest.LEGAL.keySet()) {
      PriorAuthStatus fromStatus = from.equals("start") ? null : PriorAuthStatus.valueOf(from);
      for (String to : PriorAuthTransitionsTopologyTest.LIFECYCLE) {
        boolean expected = PriorAuthTransitionsTopologyTest.LEGAL.get(from).contains(to);
        assertEquals(
            expected, table.isLegal(fromStatus, PriorAuthStatus.valueOf(to)), from + " -> " + to);
        checked++;
      }
    }
    assertEquals(15 * 14, checked);
  }

  @Test
  void shouldLeaveNothingAfterAFinalStatus() {
    assertEquals(Set.of(), table.successors(PriorAuthStatus.CANCELLED));
    assertEquals(Set.of(), table.successors(PriorAuthStatus.EXPIRED));
  }

  @Test
  void shouldAddConfiguredTransitionsToTheDefaults() {
    Map<PriorAuthStatus, Set<PriorAuthStatus>> additions = new HashMap<>();
    additions.put(null, EnumSet.of(PriorAuthStatus.PENDED));
    additions.put(PriorAuthStatus.EXPIRED, EnumSet.of(PriorAuthStatus.APPEALED));

    TransitionTable extended = table.adding(additions);

    assertTrue(extended.isLegal(null, PriorAuthStatus.PENDED));
    assertTrue(extended.isLegal(null, PriorAuthStatus.SUBMITTED));
    assertTrue(extended.isLegal(PriorAuthStatus.EXPIRED, PriorAuthStatus.APPEALED));
    assertFalse(table.isLegal(null, PriorAuthStatus.PENDED), "the defaults are unchanged");
  }
}
