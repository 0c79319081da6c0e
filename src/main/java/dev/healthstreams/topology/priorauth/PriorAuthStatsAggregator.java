package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatsDelta;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per payer and urgency (the key, after the repartition): applies a PA's contribution delta to the
 * figures. It is the aggregator of a cached table, so the figures reach the stats topic and the
 * store's changelog once per key and commit interval, not once per delta.
 *
 * <p>Decoded histograms are kept per key, with the record they were last written as: the table
 * hands back a fresh copy of the stored record with each delta, and decoding the histogram from it
 * every time would cost more than the rest. A stored record that differs from the one kept (the
 * task was restored or moved) is decoded again. One instance serves every task and stream thread.
 * The topology wires {@link #apply} as the table's aggregator; no Kafka type here.
 */
final class PriorAuthStatsAggregator {
  static final String STATS_STORE = "prior-auth-stats";

  private record Decoded(DecisionStats figures, PriorAuthStats written) {}

  private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

  /** The figures of {@code key} after {@code delta}; {@code stored} null when it has none. */
  PriorAuthStats apply(String key, PriorAuthStatsDelta delta, PriorAuthStats stored) {
    int bar = key.lastIndexOf('|');
    String payer = key.substring(0, bar);
    boolean urgent = key.endsWith("|urgent");
    DecisionStats figures = figures(key, payer, urgent, stored);
    Contribution removed = PriorAuthRecords.contribution(delta.getRemove(), payer, urgent);
    Contribution added = PriorAuthRecords.contribution(delta.getAdd(), payer, urgent);
    figures.replace(removed, added);
    PriorAuthStats written = PriorAuthStatsRecords.toRecord(figures);
    decoded.put(key, new Decoded(figures, written)); // published for the next thread, if any
    return written;
  }

  /** The initial figures of a key: none (the aggregator starts them from the key). */
  static PriorAuthStats none() {
    return null;
  }

  private DecisionStats figures(String key, String payer, boolean urgent, PriorAuthStats stored) {
    if (stored == null) {
      return new DecisionStats(payer, urgent);
    }
    // Taken out while it changes: should the delta fail half-way, it is not kept half-applied.
    Decoded kept = decoded.remove(key);
    if (kept != null && kept.written().equals(stored)) {
      return kept.figures();
    }
    return PriorAuthStatsRecords.fromRecord(stored);
  }
}
