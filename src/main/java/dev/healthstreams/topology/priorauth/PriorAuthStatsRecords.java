package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthDecidedCounts;
import dev.healthstreams.avro.PriorAuthDecisionMinutes;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.topology.priorauth.DecisionStats.Decided;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/** {@link DecisionStats} as the Avro {@link PriorAuthStats} the stats store and topic hold. */
public final class PriorAuthStatsRecords {
  private PriorAuthStatsRecords() {}

  public static PriorAuthStats toRecord(DecisionStats stats) {
    return PriorAuthStats.newBuilder()
        .setPayerId(stats.payerId())
        .setUrgent(stats.urgent())
        .setPriorAuths(stats.priorAuths())
        .setCountsByStatus(stats.countsByStatus())
        .setDecided(
            new PriorAuthDecidedCounts(
                stats.decided(Decided.APPROVED),
                stats.decided(Decided.PARTIALLY_APPROVED),
                stats.decided(Decided.MODIFIED),
                stats.decided(Decided.DENIED),
                stats.decided(Decided.APPROVED_AFTER_APPEAL),
                stats.decided(Decided.EXTENDED)))
        .setDecisionMinutes(
            new PriorAuthDecisionMinutes(
                stats.decisions(),
                stats.meanMinutes(),
                stats.percentileMinutes(50),
                stats.percentileMinutes(90)))
        .setDecisionHistogram(stats.encodedMinutes())
        .build();
  }

  public static DecisionStats fromRecord(PriorAuthStats record) {
    PriorAuthDecidedCounts d = record.getDecided();
    long[] decided = {
      d.getApproved(),
      d.getPartiallyApproved(),
      d.getModified(),
      d.getDenied(),
      d.getApprovedAfterAppeal(),
      d.getExtended()
    };
    return DecisionStats.restore(
        record.getPayerId(),
        record.getUrgent(),
        record.getPriorAuths(),
        record.getCountsByStatus(),
        decided,
        histogram(record.getDecisionHistogram()));
  }

  /**
   * A histogram as encoded in a stats record (what a consumer merging payers decodes too), packed
   * as {@link DecisionStats#newHistogram} makes them.
   */
  public static Histogram histogram(ByteBuffer encoded) {
    try {
      Histogram histogram = PackedHistogram.decodeFromCompressedByteBuffer(encoded.duplicate(), 0);
      histogram.setAutoResize(true);
      return histogram;
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored decision histogram cannot be decoded", e);
    }
  }
}
