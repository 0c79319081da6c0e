package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPointTest {

  private static LoadPoint point(double share, long samples, long p99) {
    return new LoadPoint(share, 1000, 1000, samples, p99 / 2, p99, p99, p99 * 2, 0.3);
  }

  @Test
  void shouldTakeTheHighestShareWhoseP99IsWithinTheTarget() {
    List<LoadPoint> curve =
        List.of(
            point(0.1, 100, 120),
            point(0.25, 100, 180),
            point(0.5, 100, 250),
            point(0.75, 100, 900));
    assertEquals(0.5, LoadPoint.highestShareWithin(curve, 250));
    assertEquals(0.25, LoadPoint.highestShareWithin(curve, 249));
    assertEquals(0.75, LoadPoint.highestShareWithin(curve, 900));
  }

  @Test
  void shouldStopAtTheFirstMissEvenWhenAHigherLoadMeetsTheTargetAgain() {
    // A lucky higher point does not make a load the topology missed at a lower one safe.
    List<LoadPoint> curve =
        List.of(point(0.1, 100, 100), point(0.25, 100, 400), point(0.5, 100, 200));
    assertEquals(0.1, LoadPoint.highestShareWithin(curve, 250));
  }

  @Test
  void shouldCountAPointWithoutSamplesAsAMiss() {
    List<LoadPoint> curve = List.of(point(0.1, 0, 0), point(0.25, 100, 100));
    assertEquals(0.0, LoadPoint.highestShareWithin(curve, 250));
  }

  @Test
  void shouldTakeHalfLoadAsTheHeadlineWhenMeasuredAndTheHighestOtherwise() {
    LoadPoint half = point(0.5, 100, 200);
    assertEquals(half, LoadPoint.headline(List.of(point(0.1, 1, 1), half, point(0.75, 1, 1))));
    LoadPoint highest = point(0.3, 100, 200);
    assertEquals(highest, LoadPoint.headline(List.of(point(0.1, 1, 1), highest)));
  }

  @Test
  void shouldTakeEveryPercentileFromTheSample() {
    long[] millis = new long[1000];
    for (int i = 0; i < millis.length; i++) {
      millis[i] = i + 1; // 1..1000 ms
    }
    LoadPoint point = LoadPoint.of(0.25, 400, 6000, new Percentiles(millis), 0.3);
    assertEquals(new LoadPoint(0.25, 400, 6000, 1000, 500, 950, 990, 999, 0.3), point);
  }
}
