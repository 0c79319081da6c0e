package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One topology's figures; field names as written to bench.json. */
public record BenchResult(
    @JsonProperty("topology") String topology,
    @JsonProperty("input_records") long inputRecords,
    @JsonProperty("records_per_s") long recordsPerSecond,
    @JsonProperty("ratio_to_passthrough") double ratioToPassthrough,
    @JsonProperty("p50_ms") long p50Ms,
    @JsonProperty("p95_ms") long p95Ms,
    @JsonProperty("p99_ms") long p99Ms,
    @JsonProperty("latency_offered_per_s") long latencyOfferedPerSecond,
    @JsonProperty("latency_input_records") long latencyInputRecords,
    @JsonProperty("latency_samples") long latencySamples,
    @JsonProperty("peak_heap_mb") long peakHeapMb,
    @JsonProperty("rss_mb") long rssMb,
    @JsonProperty("load_records_per_s") long loadRecordsPerSecond,
    @JsonProperty("queries") List<QueryLatency> queries,
    @JsonProperty("streams") Map<String, String> streams,
    @JsonProperty("sustained_with_loader_per_s") long sustainedWithLoaderPerSecond,
    @JsonProperty("latency_curve") List<LoadPoint> latencyCurve,
    @JsonProperty("latency_target_ms") long latencyTargetMs,
    @JsonProperty("ratio_to_read_only") double ratioToReadOnly,
    @JsonProperty("probe_loader_cores") double probeLoaderCores) {

  /**
   * {@code streams}: the topology's own Kafka Streams settings it ran with (topologies.yaml). The
   * latency figures ({@code p50_ms} to {@code latency_samples}) are the curve's {@link
   * LoadPoint#headline headline} point; {@code sustained_with_loader_per_s} is the rate its loads
   * are shares of.
   */
  public BenchResult {
    queries = List.copyOf(queries);
    latencyCurve = List.copyOf(latencyCurve);
    streams = Collections.unmodifiableMap(new TreeMap<>(streams));
  }

  /** The same figures under another row name (a variant of the topology). */
  public BenchResult named(String name) {
    return copy(name, ratioToPassthrough, ratioToReadOnly);
  }

  /** With its ratios to the run's pass-through and read-only ceilings. */
  public BenchResult withRatios(double ratio, double toReadOnly) {
    return copy(topology, ratio, toReadOnly);
  }

  private BenchResult copy(String name, double ratio, double toReadOnly) {
    return new BenchResult(
        name,
        inputRecords,
        recordsPerSecond,
        ratio,
        p50Ms,
        p95Ms,
        p99Ms,
        latencyOfferedPerSecond,
        latencyInputRecords,
        latencySamples,
        peakHeapMb,
        rssMb,
        loadRecordsPerSecond,
        queries,
        streams,
        sustainedWithLoaderPerSecond,
        latencyCurve,
        latencyTargetMs,
        toReadOnly,
        probeLoaderCores);
  }

  /** The highest share of the rate sustained with the loader whose p99 met the target. */
  @JsonProperty("highest_share_within_target")
  public double highestShareWithinTarget() {
    return LoadPoint.highestShareWithin(latencyCurve, latencyTargetMs);
  }
}
