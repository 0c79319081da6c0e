package dev.healthstreams.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of longs. */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The smallest value such that at least {@code p} percent of the sample is at or below it
   * (nearest rank); 0 for an empty sample.
   */
  public long percentile(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    if (sorted.length == 0) {
      return 0;
    }
    // p = 99.9 is no exact double: without the tolerance 99.9 % of 1,000 ranks 1,000, not 999.
    int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
    return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
  }
}
