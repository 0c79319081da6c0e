package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * End-to-end latency at one offered load: a share of the rate the topology sustained while the
 * loader ran beside it, in the same run.
 *
 * @param share the offered load as a share of that rate (0.5: half)
 * @param samples outputs counted (those stamped after the point's warm-up)
 * @param loaderCores the loader's CPU time over its sending time: cores it took from the topology
 */
public record LoadPoint(
    @JsonProperty("share") double share,
    @JsonProperty("offered_per_s") long offeredPerSecond,
    @JsonProperty("sent") long sent,
    @JsonProperty("samples") long samples,
    @JsonProperty("p50_ms") long p50Ms,
    @JsonProperty("p95_ms") long p95Ms,
    @JsonProperty("p99_ms") long p99Ms,
    @JsonProperty("p999_ms") long p999Ms,
    @JsonProperty("loader_cores") double loaderCores) {

  /** No latency measured: a topology without an output (the read-only ceiling). */
  public static final LoadPoint NONE = new LoadPoint(0, 0, 0, 0, 0, 0, 0, 0, 0);

  static LoadPoint of(
      double share, long offered, long sent, Percentiles millis, double loaderCores) {
    return new LoadPoint(
        share,
        offered,
        sent,
        millis.count(),
        millis.percentile(50),
        millis.percentile(95),
        millis.percentile(99),
        millis.percentile(99.9),
        loaderCores);
  }

  /**
   * The highest share up to which every point has samples and a p99 within {@code targetMs}: the
   * load the topology can be run at; 0 when even the lowest misses.
   *
   * @param curve ordered by share
   */
  public static double highestShareWithin(List<LoadPoint> curve, long targetMs) {
    double highest = 0;
    for (LoadPoint point : curve) {
      if (point.samples() == 0 || point.p99Ms() > targetMs) {
        break;
      }
      highest = point.share();
    }
    return highest;
  }

  /** The point a single latency figure stands for: half load when measured, else the highest. */
  public static LoadPoint headline(List<LoadPoint> curve) {
    return curve.stream()
        .filter(p -> p.share() == 0.5)
        .findFirst()
        .orElse(curve.get(curve.size() - 1));
  }
}
