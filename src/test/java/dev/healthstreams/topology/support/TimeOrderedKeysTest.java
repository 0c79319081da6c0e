package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeOrderedKeysTest {
  @Test
  void shouldWriteWhatFormatWritesForEveryNonNegativeTime() {
    Random random = new Random(19);
    for (int i = 0; i < 10_000; i++) {
      long time = (random.nextLong() >>> 1) >>> random.nextInt(63);

      assertEquals(String.format("%019d", time), TimeOrderedKeys.prefix(time));
    }
    assertEquals("0000000000000000000", TimeOrderedKeys.prefix(0));
    assertEquals("9223372036854775807", TimeOrderedKeys.prefix(Long.MAX_VALUE));
  }

  @Test
  void shouldSortAsTheTimesSort() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long a = (random.nextLong() >>> 1) >>> random.nextInt(63);
      long b = (random.nextLong() >>> 1) >>> random.nextInt(63);

      assertEquals(
          Long.signum(Long.compare(a, b)),
          Integer.signum(TimeOrderedKeys.prefix(a).compareTo(TimeOrderedKeys.prefix(b))));
    }
  }

  @Test
  void shouldCountANegativeTimeAsZero() {
    assertEquals("0000000000000000000", TimeOrderedKeys.prefix(-5));
    assertTrue(TimeOrderedKeys.prefix(-5).compareTo(TimeOrderedKeys.prefix(1)) < 0);
  }
}
