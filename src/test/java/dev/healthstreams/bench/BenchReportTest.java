package dev.healthstreams.bench;

import static dev.healthstreams.bench.BenchResults.result;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final Machine MACHINE = new Machine(2, 24, "17.0.15", 6000, 0.5, 1.5);

  @Test
  void shouldShowTheMedianWithTheRangeOfSeveralRuns() {
    BenchReport report =
        BenchReport.of(
            MACHINE,
            "java -jar target/healthstreams.jar bench --runs 3",
            "2026-11-22T08:00:00Z",
            List.of(
                List.of(result("medication-interaction", 27_391, 0.24, 310)),
                List.of(result("medication-interaction", 24_512, 0.27, 345)),
                List.of(result("medication-interaction", 26_856, 0.22, 300))));

    String md = report.markdown();

    assertTrue(md.contains("Median of 3 runs"), md);
    assertTrue(
        md.contains(
            "| medication-interaction | 1,000 | 26,856 (24,512–27,391) | 0.24 (0.22–0.27) | 155 |"
                + " 300 | 310 (300–345) |"),
        md);
  }

  @Test
  void shouldShowPlainFiguresForOneRun() {
    BenchReport report =
        BenchReport.of(
            MACHINE,
            "bench",
            "2026-11-22T08:00:00Z",
            List.of(List.of(result("a", 5_000, 1.0, 200))));

    String md = report.markdown();

    assertFalse(md.contains("Median of"), md);
    assertTrue(md.contains("| a | 1,000 | 5,000 | 1.00 | 100 | 190 | 200 | 2,500 |"), md);
  }
}
