package dev.healthstreams.bench;

import java.util.Map;

/**
 * At most how many records the throughput phase takes from a timed input: per sample, by its short
 * name ("MedicationRequest"), else {@code otherwise}. Topologies timed on the same sample get the
 * same input, so their ratio compares like with like.
 */
public record InputCaps(long otherwise, Map<String, Long> bySample) {
  public InputCaps {
    bySample = Map.copyOf(bySample);
  }

  public long of(String sampleResource) {
    return bySample.getOrDefault(SampleData.shortName(sampleResource), otherwise);
  }
}
