package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far the runs of one topology lay apart, for the figures that vary most between runs. */
public record BenchSpread(
    @JsonProperty("topology") String topology,
    @JsonProperty("runs") int runs,
    @JsonProperty("records_per_s_min") long recordsPerSecondMin,
    @JsonProperty("records_per_s_max") long recordsPerSecondMax,
    @JsonProperty("ratio_to_passthrough_min") double ratioMin,
    @JsonProperty("ratio_to_passthrough_max") double ratioMax,
    @JsonProperty("p99_ms_min") long p99MsMin,
    @JsonProperty("p99_ms_max") long p99MsMax) {}
