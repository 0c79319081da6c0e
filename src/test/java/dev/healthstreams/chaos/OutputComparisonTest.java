package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {

  @Test
  void shouldBeExactWhenEveryExpectedRecordCameOnce() {
    OutputComparison comparison = new OutputComparison();
    comparison.expected("a");
    comparison.expected("b");
    comparison.received("b");
    comparison.received("a");

    OutputComparison.Result result = comparison.result();

    assertEquals(2, result.expected());
    assertEquals(2, result.received());
    assertTrue(result.exact());
  }

  @Test
  void shouldCountMissingDuplicatedAndUnexpectedApart() {
    OutputComparison comparison = new OutputComparison();
    comparison.expected("lost");
    comparison.expected("twice");
    comparison.expected("same-value-twice");
    comparison.expected("same-value-twice");
    comparison.received("twice");
    comparison.received("twice");
    comparison.received("twice");
    comparison.received("same-value-twice");
    comparison.received("never-expected");

    OutputComparison.Result result =
        comparison.result(Stream.of("lost", "twice", "same-value-twice", "same-value-twice"));

    assertEquals(4, result.expected());
    assertEquals(5, result.received());
    assertEquals(2, result.missing(), "lost once, and one of the two same-value-twice");
    assertEquals(2, result.duplicated());
    assertEquals(1, result.unexpected());
    assertEquals("never-expected", result.anUnexpected());
    assertEquals("lost", result.aMissing());
    assertFalse(result.exact());
  }
}
