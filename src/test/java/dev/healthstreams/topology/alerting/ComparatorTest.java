package dev.healthstreams.topology.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ComparatorTest {

  private static final double THRESHOLD = 120;

  @ParameterizedTest
  @CsvSource({
    // comparator, below (119.9), at (120), above (120.1)
    "GT, false, false, true",
    "GE, false, true, true",
    "LT, true, false, false",
    "LE, true, true, false",
    "EQ, false, true, false",
    "NE, true, false, true"
  })
  void shouldCompareBelowAtAndAboveTheThreshold(
      Comparator comparator, boolean below, boolean at, boolean above) {
    assertEquals(below, comparator.test(119.9, THRESHOLD), "below");
    assertEquals(at, comparator.test(120.0, THRESHOLD), "at");
    assertEquals(above, comparator.test(120.1, THRESHOLD), "above");
  }

  @ParameterizedTest
  @EnumSource(Comparator.class)
  void shouldNeverMatchNaN(Comparator comparator) {
    assertFalse(comparator.test(Double.NaN, THRESHOLD));
  }

  @Test
  void shouldRankSeveritiesMostUrgentFirst() {
    assertTrue(Severity.CRITICAL.isHigherThan(Severity.HIGH));
    assertTrue(Severity.HIGH.isHigherThan(Severity.LOW));
    assertFalse(Severity.HIGH.isHigherThan(Severity.HIGH));
    assertFalse(Severity.MEDIUM.isHigherThan(Severity.CRITICAL));
  }
}
