package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        middle(sortedRatios(results, BenchResult::ratioToReadOnly)),
        middle(sortedRatios(results, BenchResult::probeLoaderCores)));
  }

  /** Point by point (the runs measure the same loads), figure by figure. */
  private static List<LoadPoint> medianCurve(List<BenchResult> results) {
    List<LoadPoint> curve = new ArrayList<>();
    for (int i = 0; i < pointCount(results); i++) {
      List<LoadPoint> points = pointsAt(results, i);
      curve.add(
          new LoadPoint(
              points.get(0).share(),
              middle(sortedPoints(points, LoadPoint::offeredPerSecond)),
              middle(sortedPoints(points, LoadPoint::sent)),
              middle(sortedPoints(points, LoadPoint::samples)),
              middle(sortedPoints(points, LoadPoint::p50Ms)),
              middle(sortedPoints(points, LoadPoint::p95Ms)),
              middle(sortedPoints(points, LoadPoint::p99Ms)),
              middle(sortedPoints(points, LoadPoint::p999Ms)),
              middle(points.stream().mapToDouble(LoadPoint::loaderCores).sorted().toArray())));
    }
    return curve;
  }

  private static List<BenchSpread.PointSpread> curveSpread(List<BenchResult> results) {
    List<BenchSpread.PointSpread> spread = new ArrayList<>();
    for (int i = 0; i < pointCount(results); i++) {
      List<LoadPoint> points = pointsAt(results, i);
      int last = points.size() - 1;
      long[] offered = sortedPoints(points, LoadPoint::offeredPerSecond);
      long[] p50 = sortedPoints(points, LoadPoint::p50Ms);
      long[] p99 = sortedPoints(points, LoadPoint::p99Ms);
      long[] p999 = sortedPoints(points, LoadPoint::p999Ms);
      spread.add(
          new BenchSpread.PointSpread(
              points.get(0).share(),
              offered[0],
              offered[last],
              p50[0],
              p50[last],
              p99[0],
              p99[last],
              p999[0],
              p999[last]));
    }
    return spread;
  }

  private static int pointCount(List<BenchResult> results) {
    return results.stream().mapToInt(r -> r.latencyCurve().size()).min().orElse(0);
  }

  private static List<LoadPoint> pointsAt(List<BenchResult> results, int index) {
    return results.stream().map(r -> r.latencyCurve().get(index)).toList();
  }

  private static long[] sortedPoints(List<LoadPoint> points, ToLongFunction<LoadPoint> figure) {
    return points.stream().mapToLong(figure).sorted().toArray();
  }

  private static BenchSpread spread(List<BenchResult> results) {
    int last = results.size() - 1;
    long[] perSecond = sorted(results, BenchResult::recordsPerSecond);
    double[] ratios = ratios(results);
    double[] toReadOnly = sortedRatios(results, BenchResult::ratioToReadOnly);
    long[] p99 = sorted(results, BenchResult::p99Ms);
    long[] withLoader = sorted(results, BenchResult::sustainedWithLoaderPerSecond);
    return new BenchSpread(
        results.get(0).topology(),
        results.size(),
        perSecond[0],
        perSecond[last],
        ratios[0],
        ratios[last],
        p99[0],
        p99[last],
        withLoader[0],
        withLoader[last],
        curveSpread(results),
        toReadOnly[0],
        toReadOnly[last]);
  }

  private static long[] sorted(List<BenchResult> results, ToLongFunction<BenchResult> figure) {
    return results.stream().mapToLong(figure).sorted().toArray();
  }

  private static double[] ratios(List<BenchResult> results) {
    return sortedRatios(results, BenchResult::ratioToPassthrough);
  }

  private static double[] sortedRatios(
      List<BenchResult> results, java.util.function.ToDoubleFunction<BenchResult> ratio) {
    return results.stream().mapToDouble(ratio).sorted().toArray();
  }

  private static long middle(long[] sorted) {
    return sorted[(sorted.length - 1) / 2];
  }

  private static double middle(double[] sorted) {
    return sorted[(sorted.length - 1) / 2];
  }
}
