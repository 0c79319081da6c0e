package dev.healthstreams.topology.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.support.InputPosition;
import org.junit.jupiter.api.Test;

class GateEntryTest {
  private static final InputPosition AT_10 = new InputPosition("alerts-by-patient", 3, 10);

  @Test
  void shouldReadBackTheValueAndThePositionItWasStoredWith() {
    GateEntry entry = new GateEntry("130.0|/min|HIGH", AT_10);

    GateEntry read = GateEntry.decode(entry.encode());

    assertEquals("130.0|/min|HIGH", read.value());
    assertEquals(AT_10, read.madeBy());
  }

  @Test
  void shouldTakeAValueStoredWithoutAPositionAsMadeBeforeAnyRecord() {
    GateEntry old = GateEntry.decode("HIGH@1713348900000");

    assertEquals("HIGH@1713348900000", old.value());
    assertTrue(old.madeBefore(AT_10));
  }

  @Test
  void shouldCountOnlyEntriesMadeEarlierInTheSamePartition() {
    assertTrue(entryAt("alerts-by-patient", 3, 9).madeBefore(AT_10));
    assertFalse(entryAt("alerts-by-patient", 3, 10).madeBefore(AT_10), "the record itself");
    assertFalse(entryAt("alerts-by-patient", 3, 11).madeBefore(AT_10), "a later record");
  }

  /** Offsets of other partitions or topics say nothing about order: such entries count. */
  @Test
  void shouldCountEntriesOfOtherPartitionsAndUnknownPositions() {
    assertTrue(entryAt("alerts-by-patient", 4, 11).madeBefore(AT_10));
    assertTrue(entryAt("other-topic", 3, 11).madeBefore(AT_10));
    assertTrue(entryAt("alerts-by-patient", 3, 11).madeBefore(InputPosition.UNKNOWN));
    assertTrue(new GateEntry("v", InputPosition.UNKNOWN).madeBefore(AT_10));
  }

  private static GateEntry entryAt(String topic, int partition, long offset) {
    return GateEntry.decode(
        new GateEntry("v", new InputPosition(topic, partition, offset)).encode());
  }
}
