package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DueIndexTest {
  @Test
  void shouldSortKeysByTimeWhateverTheirDigitsOrIds() {
    String early = DueIndex.key(9_000, DueIndex.DEADLINE, "zz");
    String late = DueIndex.key(10_000, DueIndex.DEADLINE, "aa");

    assertTrue(early.compareTo(late) < 0);
    assertTrue(DueIndex.first().compareTo(early) < 0);
  }

  @Test
  void shouldRangeExactlyOverWhatHasPassedByNow() {
    TreeSet<String> index = new TreeSet<>();
    index.add(DueIndex.key(100, DueIndex.DEADLINE, "pa-1"));
    index.add(DueIndex.key(199, DueIndex.RETENTION, "pa-2"));
    index.add(DueIndex.key(200, DueIndex.DEADLINE, "pa-3"));

    List<String> due =
        index.subSet(DueIndex.first(), true, DueIndex.passedBy(200), true).stream()
            .map(DueIndex::priorAuthIdOf)
            .toList();

    assertEquals(List.of("pa-1", "pa-2"), due);
  }

  @Test
  void shouldFindNothingPassedAtTheEpoch() {
    TreeSet<String> index = new TreeSet<>();
    index.add(DueIndex.key(0, DueIndex.DEADLINE, "pa-1"));

    assertEquals(Set.of(), index.subSet(DueIndex.first(), true, DueIndex.passedBy(0), true));
    assertEquals(1, index.subSet(DueIndex.first(), true, DueIndex.passedBy(1), true).size());
  }

  @Test
  void shouldIndexRunningUnbreachedClocksAndTheRetentionTime() {
    Clock running = new Clock("determination", 1, 0, 500, 0, null);
    Clock breached = new Clock("additional-info", 1, 0, 300, 0, null);
    Clock stopped = new Clock("determination", 2, 0, 400, 0, 350L);
    Replay replay = new Replay();
    replay.clocks.addAll(List.of(running, breached, stopped));
    PriorAuthState state =
        new PriorAuthState(
            "pa-1",
            PriorAuthParties.NONE,
            false,
            null,
            0,
            1_000,
            List.of(),
            0,
            null,
            Map.of(breached.id(), false));

    assertEquals(
        Set.of(DueIndex.key(500, DueIndex.DEADLINE, "pa-1")), DueIndex.deadlines(state, replay));
    String retention = DueIndex.retention(state, new RetentionPolicy(java.time.Duration.ofDays(1)));
    assertEquals(DueIndex.key(1_000 + 86_400_000L, DueIndex.RETENTION, "pa-1"), retention);
    assertTrue(DueIndex.isRetention(retention));
    assertFalse(DueIndex.isRetention(DueIndex.key(500, DueIndex.DEADLINE, "pa-1")));
  }
}
