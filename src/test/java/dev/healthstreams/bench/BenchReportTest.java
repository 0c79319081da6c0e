package dev.healthstreams.bench;

import static dev.healthstreams.bench.BenchResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            "| medication-interaction | 1,000 | 26,856 (24,512–27,391) | 0.24 (0.22–0.27) | 0.12"
                + " (0.11–0.14) | 155 (150–172) | 300 (290–335) | 310 (300–345) | 13,428"
                + " (12,256–13,695) | 50 | 900 | 1200 |"),
        md);
  }

  @Test
  void shouldShowTheLatencyCurveWithItsRangeAndTheHighestLoadWithinTheTarget() {
    BenchReport report =
        BenchReport.of(
            MACHINE,
            "bench --runs 3",
            "2026-11-30T08:00:00Z",
            List.of(
                List.of(result("a", 27_000, 0.24, 310)),
                List.of(result("a", 24_500, 0.27, 345)),
                List.of(result("a", 26_000, 0.22, 300))));

    String md = report.markdown();

    // Medians and ranges as BenchResults.curve makes them: RunSummaryTest works them out.
    assertTrue(
        md.contains(
            "| a | 20,800 (19,600–21,600), the loader on 0.40 cores | 25 % | 5,200 (4,900–5,400)"
                + " | 40 | 103 (100–115) | 260 (250–295) | 620 (600–690) | 0.10 |"),
        md);
    assertTrue(
        md.contains(
            "| a |  | 50 % | 10,400 (9,800–10,800) | 50 | 155 (150–172) | 310 (300–345) |"
                + " 620 (600–690) | 0.20 |"),
        md);
    // Target 250 ms: the quarter-load p99 (260) already misses it.
    assertTrue(md.contains("- a: p99 within 250 ms up to no load measured"), md);
  }

  @Test
  void shouldNameTheHighestLoadWithinTheTarget() {
    String md =
        BenchReport.of(
                MACHINE,
                "bench",
                "2026-11-30T08:00:00Z",
                List.of(List.of(result("a", 5_000, 1.0, 200))))
            .markdown();

    // 4,000/s with the loader; p99 150 ms at 25 %, 200 ms at 50 %: both within 250 ms.
    assertTrue(md.contains("- a: p99 within 250 ms up to 50 % load (2,000/s offered)."), md);
  }

  @Test
  void shouldShowNoLatencyForACeilingThatWritesNothing() {
    BenchResult timed = result("a", 5_000, 1.0, 200);
    BenchResult readOnly = result("read-only", 9_000, 1.8, 0);
    readOnly =
        new BenchResult(
            readOnly.topology(),
            readOnly.inputRecords(),
            readOnly.recordsPerSecond(),
            readOnly.ratioToPassthrough(),
            0,
            0,
            0,
            0,
            0,
            0,
            readOnly.peakHeapMb(),
            readOnly.rssMb(),
            readOnly.loadRecordsPerSecond(),
            List.of(),
            Map.of(),
            8_000,
            List.of(),
            250,
            1.0,
            0.5);

    String md =
        BenchReport.of(MACHINE, "bench", "2026-11-30T08:00:00Z", List.of(List.of(timed, readOnly)))
            .markdown();

    assertTrue(
        md.contains("| read-only | 1,000 | 9,000 | 1.80 | 1.00 | – | – | – | – | – | 900 |"), md);
    assertFalse(md.contains("- read-only:"), md);
    assertTrue(md.contains("- a: p99 within 250 ms"), md);
  }

  @Test
  void shouldWriteThePlotBesideTheReport(@TempDir Path dir) throws Exception {
    BenchReport.of(
            MACHINE,
            "bench",
            "2026-11-30T08:00:00Z",
            List.of(List.of(result("a", 5_000, 1.0, 200))))
        .write(dir);

    byte[] png = Files.readAllBytes(dir.resolve("latency-curve.png"));
    assertTrue(png.length > 1000, "a drawn chart, " + png.length + " bytes");
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    assertTrue(Files.readString(dir.resolve("BENCHMARKS.md")).contains("](latency-curve.png)"));
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
    assertTrue(md.contains("| a | 1,000 | 5,000 | 1.00 | 0.50 | 100 | 190 | 200 | 2,500 |"), md);
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
            Map.of(),
            3_200,
            BenchResults.curve(4_000, 200),
            250,
            0.4,
            0.3);

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
            Map.of("commit.interval.ms", "20", "linger.ms", "5"),
            tuned.sustainedWithLoaderPerSecond(),
            tuned.latencyCurve(),
            tuned.latencyTargetMs(),
            tuned.ratioToReadOnly(),
            tuned.probeLoaderCores());

    String md =
        BenchReport.of(MACHINE, "bench", "2026-11-30T08:00:00Z", List.of(List.of(plain, tuned)))
            .markdown();

    assertTrue(
        md.contains(
            "b ran with its own Kafka Streams settings: `commit.interval.ms=20`, `linger.ms=5`."),
        md);
    assertFalse(md.contains("a ran with"), md);
  }

  @Test
  void shouldNameTheEngineAndSettingsABenchPeerRanWith() {
    BenchResult topology = result("a", 5_000, 1.0, 200);
    BenchResult peer = result("flink-a", 4_000, 0.8, 150);
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put(BenchPeer.ENGINE, "Apache Flink 2.2.1 MiniCluster");
    settings.put("parallelism", "2");
    peer =
        new BenchResult(
            peer.topology(),
            peer.inputRecords(),
            peer.recordsPerSecond(),
            peer.ratioToPassthrough(),
            peer.p50Ms(),
            peer.p95Ms(),
            peer.p99Ms(),
            peer.latencyOfferedPerSecond(),
            peer.latencyInputRecords(),
            peer.latencySamples(),
            peer.peakHeapMb(),
            peer.rssMb(),
            peer.loadRecordsPerSecond(),
            peer.queries(),
            settings,
            peer.sustainedWithLoaderPerSecond(),
            peer.latencyCurve(),
            peer.latencyTargetMs(),
            peer.ratioToReadOnly(),
            peer.probeLoaderCores());

    String md =
        BenchReport.of(MACHINE, "bench", "2026-11-30T08:00:00Z", List.of(List.of(topology, peer)))
            .markdown();

    assertTrue(
        md.contains("flink-a ran on Apache Flink 2.2.1 MiniCluster with: `parallelism=2`."), md);
    assertFalse(md.contains("flink-a ran with its own Kafka Streams settings"), md);
  }
}
