package dev.healthstreams.bench;

import static dev.healthstreams.bench.BenchResults.result;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

  @Test
  void shouldListTimedQueriesOnlyWhenSomeWereTimed() {
    BenchResult plain = result("a", 5_000, 1.0, 200);
    BenchResult queried =
        new BenchResult(
            "b",
            1000,
            4_000,
            0.8,
            100,
            190,
            200,
            2_000,
            500,
            50,
            900,
            1200,
            200_000,
            List.of(
                new QueryLatency("key lookup", "forwarded", 2, 2_000, 1_250, 9_870),
                new QueryLatency("/b?limit=50", "gathered", 1, 200, 3_000, 12_500)),
            Map.of());

    String without =
        BenchReport.of(MACHINE, "bench", "2026-11-29T08:00:00Z", List.of(List.of(plain)))
            .markdown();
    String with =
        BenchReport.of(MACHINE, "bench", "2026-11-29T08:00:00Z", List.of(List.of(plain, queried)))
            .markdown();

    assertFalse(without.contains("## Queries"), without);
    assertTrue(with.contains("| b | `key lookup` | forwarded | 2 | 2,000 | 1.25 | 9.87 |"), with);
    assertTrue(with.contains("| b | `/b?limit=50` | gathered | 1 | 200 | 3.00 | 12.50 |"), with);
  }

  @Test
  void shouldNameTheStreamsSettingsATopologyRanWithOnlyWhenItHadSome() {
    BenchResult plain = result("a", 5_000, 1.0, 200);
    BenchResult tuned = result("b", 4_000, 0.8, 150);
    tuned =
        new BenchResult(
            tuned.topology(),
            tuned.inputRecords(),
            tuned.recordsPerSecond(),
            tuned.ratioToPassthrough(),
            tuned.p50Ms(),
            tuned.p95Ms(),
            tuned.p99Ms(),
            tuned.latencyOfferedPerSecond(),
            tuned.latencyInputRecords(),
            tuned.latencySamples(),
            tuned.peakHeapMb(),
            tuned.rssMb(),
            tuned.loadRecordsPerSecond(),
            tuned.queries(),
            Map.of("commit.interval.ms", "20", "linger.ms", "5"));

    String md =
        BenchReport.of(MACHINE, "bench", "2026-11-30T08:00:00Z", List.of(List.of(plain, tuned)))
            .markdown();

    assertTrue(
        md.contains(
            "b ran with its own Kafka Streams settings: `commit.interval.ms=20`, `linger.ms=5`."),
        md);
    assertFalse(md.contains("a ran with"), md);
  }
}
