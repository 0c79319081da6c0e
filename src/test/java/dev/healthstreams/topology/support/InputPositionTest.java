package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputPositionTest {
  private static final InputPosition AT_10 = new InputPosition("orders-by-patient", 2, 10);

  @Test
  void shouldReadBackAValueAndItsPositionEvenWhenTheValueHoldsTheSeparator() {
    String stored = AT_10.appendTo("rq-1\u0000odd");

    assertEquals("rq-1\u0000odd", InputPosition.valueOf(stored));
    assertEquals(AT_10, InputPosition.of(stored));
  }

  @Test
  void shouldReadAValueStoredWithoutAPositionWhole() {
    assertEquals("rq-1", InputPosition.valueOf("rq-1"));
    assertEquals(InputPosition.UNKNOWN, InputPosition.of("rq-1"));
  }

  @Test
  void shouldOrderOnlyWithinOnePartitionOfOneTopic() {
    assertTrue(new InputPosition("orders-by-patient", 2, 9).isBefore(AT_10));
    assertFalse(AT_10.isBefore(AT_10), "a record is not before itself");
    assertFalse(new InputPosition("orders-by-patient", 2, 11).isBefore(AT_10));
    assertTrue(new InputPosition("orders-by-patient", 3, 11).isBefore(AT_10));
    assertTrue(new InputPosition("other", 2, 11).isBefore(AT_10));
    assertTrue(InputPosition.UNKNOWN.isBefore(AT_10));
    assertTrue(AT_10.isBefore(InputPosition.UNKNOWN));
  }
}
