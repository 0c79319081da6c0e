package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UndoLogTest {
  private static final CommittedInput NOTHING_COMMITTED = position -> false;

  private static InputPosition at(long offset) {
    return new InputPosition("orders", 0, offset);
  }

  /** States are the list of changes so far: "" before any, then "a", "ab", "abc". */
  private static UndoLog<String> changedAt10To12() {
    return UndoLog.<String>empty()
        .after(at(10), "", NOTHING_COMMITTED)
        .after(at(11), "a", NOTHING_COMMITTED)
        .after(at(12), "ab", NOTHING_COMMITTED);
  }

  @Test
  void shouldRollBackToTheStateBeforeTheRecordReadAgain() {
    UndoLog.Rollback<String> rollback = changedAt10To12().rollbackFor(at(11)).orElseThrow();

    assertEquals("a", rollback.state());
    assertEquals(List.of(at(10)), positions(rollback.remaining()));
  }

  @Test
  void shouldRollBackPastTheNextChangeForARecordThatChangedNothing() {
    UndoLog<String> log =
        UndoLog.<String>empty()
            .after(at(10), "", NOTHING_COMMITTED)
            .after(at(14), "a", NOTHING_COMMITTED);

    assertEquals("a", log.rollbackFor(at(12)).orElseThrow().state());
  }

  @Test
  void shouldNotRollBackANewRecordOrOneOfAnotherPartition() {
    assertTrue(changedAt10To12().rollbackFor(at(13)).isEmpty());
    assertTrue(changedAt10To12().rollbackFor(new InputPosition("orders", 1, 10)).isEmpty());
    assertTrue(changedAt10To12().rollbackFor(new InputPosition("other", 0, 10)).isEmpty());
    assertTrue(changedAt10To12().rollbackFor(InputPosition.UNKNOWN).isEmpty());
  }

  @Test
  void shouldRollBackToNullWhenTheRecordReadAgainCreatedTheState() {
    UndoLog<String> log = UndoLog.<String>empty().after(at(10), null, NOTHING_COMMITTED);

    UndoLog.Rollback<String> rollback = log.rollbackFor(at(10)).orElseThrow();
    assertEquals(null, rollback.state());
    assertTrue(rollback.remaining().isEmpty());
  }

  @Test
  void shouldDropCommittedChangesAtTheNextOne() {
    CommittedInput before12 = position -> position.offset() < 12;

    UndoLog<String> log = changedAt10To12().after(at(13), "abc", before12);

    assertEquals(List.of(at(12), at(13)), positions(log));
  }

  @Test
  void shouldNotLogAChangeWithoutAPosition() {
    UndoLog<String> log = changedAt10To12().after(InputPosition.UNKNOWN, "abc", NOTHING_COMMITTED);

    assertEquals(List.of(at(10), at(11), at(12)), positions(log));
  }

  private static List<InputPosition> positions(UndoLog<String> log) {
    return log.entries().stream().map(UndoLog.Entry::changedBy).toList();
  }
}
