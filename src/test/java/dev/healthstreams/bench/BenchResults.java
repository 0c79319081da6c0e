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
        java.util.Map.of(),
        withLoader(perSecond),
        curve(perSecond, p99),
        250,
        ratio * 0.5,
        0.4);
  }

  /** The rate with the loader running: four fifths of the pre-loaded one. */
  static long withLoader(long perSecond) {
    return perSecond * 4 / 5;
  }

  /** Two points: a quarter load at p99 - 50 ms (p99.9 twice the p99), half load at p99. */
  static java.util.List<LoadPoint> curve(long perSecond, long p99) {
    long offered = withLoader(perSecond);
    return java.util.List.of(
        new LoadPoint(
            0.25, offered / 4, offered / 4 * 15, 40, p99 / 3, p99 - 60, p99 - 50, 2 * p99, 0.1),
        new LoadPoint(
            0.5, offered / 2, offered / 2 * 15, 50, p99 / 2, p99 - 10, p99, 2 * p99, 0.2));
  }
}
