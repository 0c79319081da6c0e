package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfOneToHundred() {
    Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
    assertEquals(50, p.percentile(50));
    assertEquals(95, p.percentile(95));
    assertEquals(99, p.percentile(99));
    assertEquals(100, p.percentile(100));
    assertEquals(1, p.percentile(0.5));
    assertEquals(100, p.count());
  }

  @Test
  void fractionalPercentilesRankExactly() {
    // 99.9 % of 1,000 is rank 999; in doubles 99.9 / 100 * 1000 is just above 999.
    Percentiles p = new Percentiles(LongStream.rangeClosed(1, 1000).toArray());
    assertEquals(999, p.percentile(99.9));
    assertEquals(1000, p.percentile(99.95));
    assertEquals(3, p.percentile(0.3));
  }

  @Test
  void smallSamplesRoundUp() {
    Percentiles p = new Percentiles(new long[] {30, 10, 20});
    assertEquals(20, p.percentile(50)); // rank ceil(1.5) = 2
    assertEquals(30, p.percentile(95));
    assertEquals(10, p.percentile(10));
    assertEquals(7, new Percentiles(new long[] {7}).percentile(99));
  }

  @Test
  void emptyIsZeroAndBadPercentilesAreRejected() {
    assertEquals(0, new Percentiles(new long[0]).percentile(99));
    assertThrows(
        IllegalArgumentException.class, () -> new Percentiles(new long[] {1}).percentile(0));
    assertThrows(
        IllegalArgumentException.class, () -> new Percentiles(new long[] {1}).percentile(101));
  }

  @Test
  void doesNotReorderTheCallersArray() {
    long[] values = {3, 1, 2};
    new Percentiles(values);
    assertEquals(3, values[0]);
  }
}
