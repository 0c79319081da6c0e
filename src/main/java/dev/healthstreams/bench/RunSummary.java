package dev.healthstreams.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Several runs of the bench folded into one row per topology: each figure is the median of its runs
 * (for an even count the lower of the two middle ones), taken figure by figure, so one slow run on
 * a shared machine moves no figure; {@link BenchSpread} keeps the range.
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
    return byTopology.values().stream()
        .map(
            results ->
                new BenchSpread(
                    results.get(0).topology(),
                    results.size(),
                    min(results, BenchResult::recordsPerSecond),
                    max(results, BenchResult::recordsPerSecond),
                    results.stream().mapToDouble(BenchResult::ratioToPassthrough).min().orElse(0),
                    results.stream().mapToDouble(BenchResult::ratioToPassthrough).max().orElse(0),
                    min(results, BenchResult::p99Ms),
                    max(results, BenchResult::p99Ms)))
        .toList();
  }

  private static BenchResult median(List<BenchResult> results) {
    return new BenchResult(
        results.get(0).topology(),
        median(results, BenchResult::inputRecords),
        median(results, BenchResult::recordsPerSecond),
        medianRatio(results),
        median(results, BenchResult::p50Ms),
        median(results, BenchResult::p95Ms),
        median(results, BenchResult::p99Ms),
        median(results, BenchResult::latencyOfferedPerSecond),
        median(results, BenchResult::latencyInputRecords),
        median(results, BenchResult::latencySamples),
        median(results, BenchResult::peakHeapMb),
        median(results, BenchResult::rssMb),
        median(results, BenchResult::loadRecordsPerSecond));
  }

  private static long median(List<BenchResult> results, ToLongFunction<BenchResult> figure) {
    long[] sorted = results.stream().mapToLong(figure).sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }

  private static double medianRatio(List<BenchResult> results) {
    double[] sorted =
        results.stream().mapToDouble(BenchResult::ratioToPassthrough).sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }

  private static long min(List<BenchResult> results, ToLongFunction<BenchResult> figure) {
    return results.stream().mapToLong(figure).min().orElse(0);
  }

  private static long max(List<BenchResult> results, ToLongFunction<BenchResult> figure) {
    return results.stream().mapToLong(figure).max().orElse(0);
  }
}
