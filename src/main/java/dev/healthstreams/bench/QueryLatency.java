package dev.healthstreams.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Latencies of one kind of HTTP query, as a client of one replica sees them.
 *
 * @param query what was asked: "key lookup" or the list path
 * @param path how it was answered: {@code local}, {@code forwarded} (the key's owner is the other
 *     replica) or {@code gathered} (a list asked of every replica)
 * @param replicas how many replicas the topology ran on
 */
public record QueryLatency(
    @JsonProperty("query") String query,
    @JsonProperty("path") String path,
    @JsonProperty("replicas") int replicas,
    @JsonProperty("count") int count,
    @JsonProperty("p50_us") long p50Micros,
    @JsonProperty("p99_us") long p99Micros) {

  static QueryLatency of(String query, String path, int replicas, Percentiles micros) {
    return new QueryLatency(
        query, path, replicas, micros.count(), micros.percentile(50), micros.percentile(99));
  }
}
