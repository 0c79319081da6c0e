package dev.healthstreams.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTimelineTest {
  private static final long T0 = 1_764_650_000_000L; // a multiple of 250 ms

  @Test
  void shouldNameTheQuarterSecondsWithTheSlowestRecordsSlowestFirst() {
    LatencyTimeline timeline = new LatencyTimeline();
    timeline.record(T0 + 10, 80);
    timeline.record(T0 + 240, 95); // same quarter-second as the first: its slowest counts
    timeline.record(T0 + 250, 300);
    timeline.record(T0 + 499, 120);
    timeline.record(T0 + 2_000, 210);

    assertEquals(
        List.of(
            new LatencyTimeline.Slot(250, 300),
            new LatencyTimeline.Slot(2_000, 210),
            new LatencyTimeline.Slot(0, 95)),
        timeline.slowest(3));
  }

  @Test
  void shouldDescribeSlotsForTheConsole() {
    assertEquals(
        "+8.00 s 1,029 ms, +0.25 s 97 ms",
        LatencyTimeline.describe(
            List.of(new LatencyTimeline.Slot(8_000, 1_029), new LatencyTimeline.Slot(250, 97))));
  }

  @Test
  void shouldHaveNoSlotsWithoutRecords() {
    assertEquals(List.of(), new LatencyTimeline().slowest(3));
  }
}
