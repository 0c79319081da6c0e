package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Several runs of the bench folded into one row per topology: each figure is the median of its runs
 * (for an even count the lower of the two middle ones), taken figure by figure, so one slow run on
 * a shared machine moves no figure; {@link BenchSpread} keeps the range. Query latencies are the
 * first run's.
 */
final class RunSummary {
  private final Map<String, List<BenchResult>> byTopology = new LinkedHashMap<>();

  /**
   * @param runs each run's results, topologies in the same order in every run
   */
  RunSummary(List<List<BenchResult>> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    for (List<BenchResult> run : runs) {
      for (BenchResult result : run) {
        byTopology.computeIfAbsent(result.topology(), t -> new ArrayList<>()).add(result);
      }
    }
  }

  List<BenchResult> medians() {
    return byTopology.values().stream().map(RunSummary::median).toList();
  }

  List<BenchSpread> spreads() {
    return byTopology.values().stream().map(RunSummary::spread).toList();
  }

  private static BenchResult median(List<BenchResult> results) {
    return new BenchResult(
        results.get(0).topology(),
        middle(sorted(results, BenchResult::inputRecords)),
        middle(sorted(results, BenchResult::recordsPerSecond)),
        middle(ratios(results)),
        middle(sorted(results, BenchResult::p50Ms)),
        middle(sorted(results, BenchResult::p95Ms)),
        middle(sorted(results, BenchResult::p99Ms)),
        middle(sorted(results, BenchResult::latencyOfferedPerSecond)),
        middle(sorted(results, BenchResult::latencyInputRecords)),
        middle(sorted(results, BenchResult::latencySamples)),
        middle(sorted(results, BenchResult::peakHeapMb)),
        middle(sorted(results, BenchResult::rssMb)),
        middle(sorted(results, BenchResult::loadRecordsPerSecond)),
        results.get(0).queries(),
        results.get(0).streams(),
        middle(sorted(results, BenchResult::sustainedWithLoaderPerSecond)),
        medianCurve(results),
        results.get(0).latencyTargetMs(),
        middle(sortedDecimals(results, BenchResult::ratioToReadOnly)),
        middle(sortedDecimals(results, BenchResult::probeLoaderCores)));
  }

  /** Point by point (the runs measure the same loads), figure by figure. */
  private static List<LoadPoint> medianCurve(List<BenchResult> results) {
    List<LoadPoint> curve = new ArrayList<>();
    for (int i = 0; i < pointCount(results); i++) {
      List<LoadPoint> points = pointsAt(results, i);
      curve.add(
          new LoadPoint(
              points.get(0).share(),
              middle(sorted(points, LoadPoint::offeredPerSecond)),
              middle(sorted(points, LoadPoint::sent)),
              middle(sorted(points, LoadPoint::samples)),
              middle(sorted(points, LoadPoint::p50Ms)),
              middle(sorted(points, LoadPoint::p95Ms)),
              middle(sorted(points, LoadPoint::p99Ms)),
              middle(sorted(points, LoadPoint::p999Ms)),
              middle(sortedDecimals(points, LoadPoint::loaderCores))));
    }
    return curve;
  }

  private static int pointCount(List<BenchResult> results) {
    return results.stream().mapToInt(r -> r.latencyCurve().size()).min().orElse(0);
  }

  private static List<LoadPoint> pointsAt(List<BenchResult> results, int index) {
    return results.stream().map(r -> r.latencyCurve().get(index)).toList();
  }

  private static BenchSpread spread(List<BenchResult> results) {
    int last = results.size() - 1;
    long[] perSecond = sorted(results, BenchResult::recordsPerSecond);
    double[] ratios = ratios(results);
    long[] p99 = sorted(results, BenchResult::p99Ms);
    return new BenchSpread(
        results.get(0).topology(),
        results.size(),
        perSecond[0],
        perSecond[last],
        ratios[0],
        ratios[last],
        p99[0],
        p99[last]);
  }

  private static <T> long[] sorted(List<T> runs, ToLongFunction<T> figure) {
    return runs.stream().mapToLong(figure).sorted().toArray();
  }

  private static double[] ratios(List<BenchResult> results) {
    return sortedDecimals(results, BenchResult::ratioToPassthrough);
  }

  private static <T> double[] sortedDecimals(List<T> runs, ToDoubleFunction<T> figure) {
    return runs.stream().mapToDouble(figure).sorted().toArray();
  }

  private static long middle(long[] sorted) {
    return sorted[(sorted.length - 1) / 2];
  }

  private static double middle(double[] sorted) {
    return sorted[(sorted.length - 1) / 2];
  }
}
