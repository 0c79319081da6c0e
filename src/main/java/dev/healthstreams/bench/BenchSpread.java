package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** How far the runs of one topology lay apart, for the figures that vary most between runs. */
public record BenchSpread(
    @JsonProperty("topology") String topology,
    @JsonProperty("runs") int runs,
    @JsonProperty("records_per_s_min") long recordsPerSecondMin,
    @JsonProperty("records_per_s_max") long recordsPerSecondMax,
    @JsonProperty("ratio_to_passthrough_min") double ratioMin,
    @JsonProperty("ratio_to_passthrough_max") double ratioMax,
    @JsonProperty("p99_ms_min") long p99MsMin,
    @JsonProperty("p99_ms_max") long p99MsMax,
    @JsonProperty("sustained_with_loader_per_s_min") long sustainedWithLoaderMin,
    @JsonProperty("sustained_with_loader_per_s_max") long sustainedWithLoaderMax,
    @JsonProperty("latency_curve") List<PointSpread> latencyCurve,
    @JsonProperty("ratio_to_read_only_min") double ratioToReadOnlyMin,
    @JsonProperty("ratio_to_read_only_max") double ratioToReadOnlyMax) {

  public BenchSpread {
    latencyCurve = List.copyOf(latencyCurve);
  }

  /** The range of one latency-curve point's figures over the runs. */
  public record PointSpread(
      @JsonProperty("share") double share,
      @JsonProperty("offered_per_s_min") long offeredMin,
      @JsonProperty("offered_per_s_max") long offeredMax,
      @JsonProperty("p50_ms_min") long p50Min,
      @JsonProperty("p50_ms_max") long p50Max,
      @JsonProperty("p99_ms_min") long p99Min,
      @JsonProperty("p99_ms_max") long p99Max,
      @JsonProperty("p999_ms_min") long p999Min,
      @JsonProperty("p999_ms_max") long p999Max) {}
}
