package dev.healthstreams.bench;

/** Bench results for tests: the figures that matter given, the rest derived from them. */
final class BenchResults {
  private BenchResults() {}

  static BenchResult result(String topology, long perSecond, double ratio, long p99) {
    return new BenchResult(
        topology,
        1000,
        perSecond,
        ratio,
        p99 / 2,
        p99 - 10,
        p99,
        perSecond / 2,
        500,
        50,
        900,
        1200,
        200_000,
        java.util.List.of(),
        java.util.Map.of());
  }
}
