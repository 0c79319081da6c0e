package dev.healthstreams.bench;

import static dev.healthstreams.bench.BenchResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  @Test
  void shouldTakeTheMedianOfEachFigureSeparately() {
    List<List<BenchResult>> runs =
        List.of(
            List.of(
                result("passthrough", 100_000, 1.0, 180), result("alerting", 150_000, 1.5, 240)),
            List.of(result("passthrough", 80_000, 1.0, 170), result("alerting", 170_000, 2.1, 260)),
            List.of(
                result("passthrough", 90_000, 1.0, 210), result("alerting", 120_000, 1.3, 230)));

    List<BenchResult> medians = new RunSummary(runs).medians();

    assertEquals(
        List.of("passthrough", "alerting"), medians.stream().map(BenchResult::topology).toList());
    BenchResult alerting = medians.get(1);
    assertEquals(150_000, alerting.recordsPerSecond());
    assertEquals(1.5, alerting.ratioToPassthrough());
    assertEquals(240, alerting.p99Ms());
    assertEquals(180, medians.get(0).p99Ms(), "p99 is not taken from the median-throughput run");
  }

  @Test
  void shouldTakeTheLowerMiddleOfAnEvenCount() {
    List<List<BenchResult>> runs =
        List.of(List.of(result("a", 10, 0.5, 200)), List.of(result("a", 20, 0.7, 100)));

    BenchResult median = new RunSummary(runs).medians().get(0);

    assertEquals(10, median.recordsPerSecond());
    assertEquals(0.5, median.ratioToPassthrough());
    assertEquals(100, median.p99Ms());
  }

  @Test
  void shouldKeepTheRangeOfTheRuns() {
    List<List<BenchResult>> runs =
        List.of(
            List.of(result("a", 27_000, 0.24, 310)),
            List.of(result("a", 24_500, 0.27, 345)),
            List.of(result("a", 26_000, 0.22, 300)));

    BenchSpread spread = new RunSummary(runs).spreads().get(0);

    assertEquals(new BenchSpread("a", 3, 24_500, 27_000, 0.22, 0.27, 300, 345), spread);
  }

  @Test
  void shouldTakeTheMedianOfEachCurvePointFigureByFigure() {
    List<List<BenchResult>> runs =
        List.of(
            List.of(result("a", 27_000, 0.24, 310)),
            List.of(result("a", 24_500, 0.27, 345)),
            List.of(result("a", 26_000, 0.22, 300)));

    BenchResult median = new RunSummary(runs).medians().get(0);

    assertEquals(20_800, median.sustainedWithLoaderPerSecond()); // 26,000 * 4/5
    assertEquals(
        List.of(
            new LoadPoint(0.25, 5_200, 78_000, 40, 103, 250, 260, 620, 0.1),
            new LoadPoint(0.5, 10_400, 156_000, 50, 155, 300, 310, 620, 0.2)),
        median.latencyCurve());
  }

  @Test
  void shouldRefuseNoRuns() {
    assertThrows(IllegalArgumentException.class, () -> new RunSummary(List.of()));
  }
}
