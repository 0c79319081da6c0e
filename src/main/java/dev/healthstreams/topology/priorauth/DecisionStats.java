package dev.healthstreams.topology.priorauth;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The public-reporting figures of one payer and urgency: counts by current status, decided counts,
 * and the time to first determination in a mergeable histogram (whole minutes). Contributions are
 * taken back and added as PAs change, so each PA counts once.
 */
public final class DecisionStats {
  /** The status key of PAs whose events were all rejected (no status yet). */
  public static final String NO_STATUS = "NONE";

  // 4 significant digits: every value up to 16,384 minutes (over 11 days) is kept exactly.
  private static final int SIGNIFICANT_DIGITS = 4;

  private static final ThreadLocal<ByteBuffer> ENCODING_SCRATCH = new ThreadLocal<>();

  private final String payerId;
  private final boolean urgent;
  private final Map<String, Long> countsByStatus = new TreeMap<>();
  private final long[] decided = new long[Decided.values().length];
  private final Histogram minutes;
  private long priorAuths;
  // The histogram's compressed encoding and its percentiles, kept until the histogram changes: most
  // changes of a PA leave its decision time alone, and each of these walks the buckets.
  private ByteBuffer encodedMinutes;
  private final Map<Double, Long> percentiles = new HashMap<>();
  // The sum HdrHistogram's getMean walks every bucket for, kept as values come and go.
  private long minutesSum;

  /** The kinds of decided counts, in the order they are reported. */
  public enum Decided {
    APPROVED,
    PARTIALLY_APPROVED,
    MODIFIED,
    DENIED,
    APPROVED_AFTER_APPEAL,
    EXTENDED
  }

  public DecisionStats(String payerId, boolean urgent) {
    this(payerId, urgent, newHistogram());
  }

  private DecisionStats(String payerId, boolean urgent, Histogram minutes) {
    this.payerId = payerId;
    this.urgent = urgent;
    this.minutes = minutes;
    for (HistogramIterationValue value : minutes.recordedValues()) {
      minutesSum +=
          minutes.medianEquivalentValue(value.getValueIteratedTo())
              * value.getCountAtValueIteratedTo();
    }
  }

  /** Figures as stored (the histogram decoded by the caller). */
  public static DecisionStats restore(
      String payerId,
      boolean urgent,
      long priorAuths,
      Map<String, Long> countsByStatus,
      long[] decided,
      Histogram minutes) {
    DecisionStats stats = new DecisionStats(payerId, urgent, minutes);
    stats.priorAuths = priorAuths;
    stats.countsByStatus.putAll(countsByStatus);
    System.arraycopy(decided, 0, stats.decided, 0, stats.decided.length);
    return stats;
  }

  /**
   * Packed: it takes memory for the minutes it holds, not for every bucket up to the largest (a
   * plain one at 4 significant digits is a quarter of a MiB, and each task keeps figures per
   * payer).
   */
  public static Histogram newHistogram() {
    Histogram histogram = new PackedHistogram(SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  /** The figures of several parts of the same payer and urgency, added up. */
  public static DecisionStats sum(String payerId, boolean urgent, Iterable<DecisionStats> parts) {
    DecisionStats total = new DecisionStats(payerId, urgent);
    for (DecisionStats part : parts) {
      total.priorAuths += part.priorAuths;
      part.countsByStatus.forEach(
          (status, count) -> total.countsByStatus.merge(status, count, Long::sum));
      for (int i = 0; i < total.decided.length; i++) {
        total.decided[i] += part.decided[i];
      }
      total.minutes.add(part.minutes);
      total.minutesSum += part.minutesSum;
    }
    total.countsByStatus.values().removeIf(count -> count == 0);
    return total;
  }

  /** Whether no PA is counted here. */
  public boolean isEmpty() {
    return priorAuths == 0;
  }

  public void add(Contribution contribution) {
    change(contribution, 1);
  }

  public void remove(Contribution contribution) {
    change(contribution, -1);
  }

  /**
   * One PA's contribution replaced: the same figures as {@link #remove} then {@link #add}, without
   * taking a decision time out of the histogram only to put the same one back.
   *
   * @param removed null when the PA was not counted here
   * @param added null when it no longer is
   */
  public void replace(Contribution removed, Contribution added) {
    boolean sameMinutes =
        removed != null
            && added != null
            && Objects.equals(removed.decisionMinutes(), added.decisionMinutes());
    if (removed != null) {
      change(removed, -1, !sameMinutes);
    }
    if (added != null) {
      change(added, 1, !sameMinutes);
    }
  }

  private void change(Contribution c, int sign) {
    change(c, sign, true);
  }

  private void change(Contribution c, int sign, boolean withMinutes) {
    priorAuths += sign;
    String status = c.status() == null ? NO_STATUS : c.status().name();
    long count = countsByStatus.getOrDefault(status, 0L) + sign;
    if (count == 0) {
      countsByStatus.remove(status);
    } else {
      countsByStatus.put(status, count);
    }
    if (c.decidedAs() != null) {
      decided[Decided.valueOf(c.decidedAs().name()).ordinal()] += sign;
    }
    if (c.approvedAfterAppeal()) {
      decided[Decided.APPROVED_AFTER_APPEAL.ordinal()] += sign;
    }
    if (c.extended()) {
      decided[Decided.EXTENDED.ordinal()] += sign;
    }
    if (withMinutes && c.decisionMinutes() != null) {
      encodedMinutes = null;
      percentiles.clear();
      long value = c.decisionMinutes();
      if (sign > 0) {
        minutes.recordValue(value);
        minutesSum += minutes.medianEquivalentValue(value);
      } else if (minutes.getCountAtValue(value) > 0) {
        Histogram one = newHistogram();
        one.recordValue(value); // packed, so taking one value out allocates no bucket array
        minutes.subtract(one);
        minutesSum -= minutes.medianEquivalentValue(value);
      }
    }
  }

  public String payerId() {
    return payerId;
  }

  public boolean urgent() {
    return urgent;
  }

  public long priorAuths() {
    return priorAuths;
  }

  /**
   * In status-name order: the record's bytes on the compacted topic must not depend on the JVM
   * ({@code Map.copyOf} iterates in a per-process random order, so a replica that took over wrote
   * the same figures in another order).
   */
  public Map<String, Long> countsByStatus() {
    return Collections.unmodifiableMap(new TreeMap<>(countsByStatus));
  }

  public long decided(Decided kind) {
    return decided[kind.ordinal()];
  }

  public long[] decidedCounts() {
    return decided.clone();
  }

  /** The time-to-decision histogram itself (shared, not a copy: for encoding). */
  public Histogram minutes() {
    return minutes;
  }

  /**
   * The histogram in HdrHistogram's compressed encoding (what a consumer merging payers decodes);
   * encoded again only after it changed. Each call returns its own view of the bytes.
   */
  public ByteBuffer encodedMinutes() {
    if (encodedMinutes == null) {
      Histogram canonical = canonical(minutes);
      ByteBuffer encoded = encodingScratch(canonical.getNeededByteBufferCapacity());
      canonical.encodeIntoCompressedByteBuffer(encoded);
      encoded.flip();
      byte[] exact = new byte[encoded.remaining()];
      encoded.get(exact);
      encodedMinutes = ByteBuffer.wrap(exact);
    }
    return encodedMinutes.duplicate();
  }

  /**
   * A copy sized to the largest value it holds. A histogram that grew (a value past its range
   * recorded or added) keeps in its encoded header the value that grew it, which depends on the
   * order values came in and on how they were split into parts: the figures of one payer summed
   * from four partitions' parts would not be the bytes a backtest, with one, writes for the same
   * PAs.
   */
  private static Histogram canonical(Histogram histogram) {
    Histogram copy =
        new PackedHistogram(1, Math.max(2, histogram.getMaxValue()), SIGNIFICANT_DIGITS);
    copy.add(histogram);
    return copy;
  }

  /**
   * This thread's buffer to encode into, cleared, of at least {@code capacity} bytes. HdrHistogram
   * wants a target as large as the uncompressed counts (half a MiB at 4 significant digits) for a
   * result of a few hundred bytes; allocating and zeroing one for each change of the figures was an
   * eighth of prior-auth-projection's stream thread (BENCHMARKS.md).
   */
  private static ByteBuffer encodingScratch(int capacity) {
    ByteBuffer scratch = ENCODING_SCRATCH.get();
    if (scratch == null || scratch.capacity() < capacity) {
      scratch = ByteBuffer.allocate(capacity);
      ENCODING_SCRATCH.set(scratch);
    }
    scratch.clear();
    return scratch;
  }

  public long decisions() {
    return minutes.getTotalCount();
  }

  /** As HdrHistogram's {@code getMean} (each value as its bucket's median), without the walk. */
  public Double meanMinutes() {
    return decisions() == 0 ? null : (double) minutesSum / decisions();
  }

  public Long percentileMinutes(double percentile) {
    return decisions() == 0
        ? null
        : percentiles.computeIfAbsent(percentile, minutes::getValueAtPercentile);
  }
}
