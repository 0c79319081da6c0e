package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.topology.priorauth.DecisionStats.Decided;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DecisionStatsTest {
  private static Contribution decided(PriorAuthStatus as, long minutes) {
    return new Contribution("p", false, as, as, false, false, minutes);
  }

  @Test
  void shouldComputeMeanMedianAndP90ToTheMinute() {
    DecisionStats stats = new DecisionStats("p", false);
    // 10 decisions: 10, 20, ..., 100 minutes. Nearest rank: median = 5th = 50, p90 = 9th = 90.
    for (int i = 1; i <= 10; i++) {
      stats.add(decided(PriorAuthStatus.APPROVED, i * 10L));
    }

    assertEquals(10, stats.decisions());
    assertEquals(55.0, stats.meanMinutes(), 1e-9);
    assertEquals(50L, stats.percentileMinutes(50));
    assertEquals(90L, stats.percentileMinutes(90));
    assertEquals(10, stats.decided(Decided.APPROVED));
    assertEquals(Map.of("APPROVED", 10L), stats.countsByStatus());
  }

  @Test
  void shouldAddUpPartsAsIfEveryPaWereCountedInOne() {
    // Two partitions' parts: 10..50 minutes approved in one, 60..100 denied in the other, and a
    // PA still pended. As one: 10 decisions, mean 55, median 50, p90 90 (nearest rank).
    DecisionStats first = new DecisionStats("p", true);
    DecisionStats second = new DecisionStats("p", true);
    for (int i = 1; i <= 5; i++) {
      first.add(decided(PriorAuthStatus.APPROVED, i * 10L));
      second.add(decided(PriorAuthStatus.DENIED, (i + 5) * 10L));
    }
    second.add(new Contribution("p", true, PriorAuthStatus.PENDED, null, false, false, null));
    DecisionStats emptied = new DecisionStats("p", true);
    emptied.add(decided(PriorAuthStatus.APPROVED, 7));
    emptied.remove(decided(PriorAuthStatus.APPROVED, 7));

    DecisionStats sum = DecisionStats.sum("p", true, List.of(first, second, emptied));

    assertEquals(11, sum.priorAuths());
    assertEquals(Map.of("APPROVED", 5L, "DENIED", 5L, "PENDED", 1L), sum.countsByStatus());
    assertEquals(5, sum.decided(Decided.APPROVED));
    assertEquals(5, sum.decided(Decided.DENIED));
    assertEquals(10, sum.decisions());
    assertEquals(55.0, sum.meanMinutes(), 1e-9);
    assertEquals(50L, sum.percentileMinutes(50));
    assertEquals(90L, sum.percentileMinutes(90));
    assertEquals(true, sum.urgent());
    assertEquals(true, emptied.isEmpty());
  }

  /**
   * The bytes of the histogram depend on the minutes alone: not on the order they came in nor on
   * how they were split into parts (past 32,767 minutes a histogram grows, and one that grew kept
   * the value that grew it in its header).
   */
  @Test
  void shouldEncodeTheSameBytesForTheSameMinutesWhateverTheirOrderAndParts() {
    long[] minutes = {40_000, 10, 70_000, 33_000, 600, 45_000, 90_000};
    DecisionStats inOrder = new DecisionStats("p", false);
    for (long m : minutes) {
      inOrder.add(decided(PriorAuthStatus.APPROVED, m));
    }
    DecisionStats even = new DecisionStats("p", false);
    DecisionStats odd = new DecisionStats("p", false);
    for (int i = minutes.length - 1; i >= 0; i--) {
      (i % 2 == 0 ? even : odd).add(decided(PriorAuthStatus.APPROVED, minutes[i]));
    }

    DecisionStats summed = DecisionStats.sum("p", false, List.of(odd, even));

    assertEquals(inOrder.encodedMinutes(), summed.encodedMinutes());
    DecisionStats readBack =
        PriorAuthStatsRecords.fromRecord(PriorAuthStatsRecords.toRecord(summed));
    assertEquals(inOrder.encodedMinutes(), readBack.encodedMinutes());
    assertEquals(inOrder.percentileMinutes(50), readBack.percentileMinutes(50));
    assertEquals(7, readBack.decisions());
  }

  @Test
  void shouldCountAPaOnceWhenItsContributionIsTakenBackAndAddedAgain() {
    DecisionStats stats = new DecisionStats("p", false);
    Contribution pending =
        new Contribution("p", false, PriorAuthStatus.PENDED, null, false, false, null);
    Contribution denied = decided(PriorAuthStatus.DENIED, 600);
    Contribution approvedOnAppeal =
        new Contribution(
            "p", false, PriorAuthStatus.APPROVED, PriorAuthStatus.APPROVED, true, true, 600L);

    stats.add(pending);
    stats.remove(pending);
    stats.add(denied);
    stats.remove(denied);
    stats.add(approvedOnAppeal);

    assertEquals(1, stats.priorAuths());
    assertEquals(Map.of("APPROVED", 1L), stats.countsByStatus());
    assertEquals(0, stats.decided(Decided.DENIED));
    assertEquals(1, stats.decided(Decided.APPROVED));
    assertEquals(1, stats.decided(Decided.APPROVED_AFTER_APPEAL));
    assertEquals(1, stats.decided(Decided.EXTENDED));
    assertEquals(1, stats.decisions());
    assertEquals(600L, stats.percentileMinutes(50));
  }

  @Test
  void shouldListCountsInStatusNameOrderWhateverTheOrderTheyCameIn() {
    DecisionStats stats = new DecisionStats("p", false);
    for (PriorAuthStatus status :
        List.of(
            PriorAuthStatus.SUBMITTED,
            PriorAuthStatus.DENIED,
            PriorAuthStatus.APPROVED,
            PriorAuthStatus.CANCELLED,
            PriorAuthStatus.PENDED)) {
      stats.add(new Contribution("p", false, status, null, false, false, null));
    }

    assertEquals(
        List.of("APPROVED", "CANCELLED", "DENIED", "PENDED", "SUBMITTED"),
        List.copyOf(stats.countsByStatus().keySet()));
    assertEquals(
        List.of("APPROVED", "CANCELLED", "DENIED", "PENDED", "SUBMITTED"),
        List.copyOf(PriorAuthStatsRecords.toRecord(stats).getCountsByStatus().keySet()));
  }

  @Test
  void shouldHaveNoFiguresWithoutDecisions() {
    DecisionStats stats = new DecisionStats("p", true);

    assertNull(stats.meanMinutes());
    assertNull(stats.percentileMinutes(90));
  }

  @Test
  void shouldReadBackWhatItStored() {
    DecisionStats stats = new DecisionStats("p", true);
    stats.add(decided(PriorAuthStatus.MODIFIED, 30));
    stats.add(decided(PriorAuthStatus.DENIED, 90));

    DecisionStats read = PriorAuthStatsRecords.fromRecord(PriorAuthStatsRecords.toRecord(stats));
    read.remove(decided(PriorAuthStatus.DENIED, 90));

    assertEquals(1, read.priorAuths());
    assertEquals(30L, read.percentileMinutes(50));
    assertEquals(1, read.decided(Decided.MODIFIED));
    assertEquals(0, read.decided(Decided.DENIED));
  }

  @Test
  void shouldReplaceAContributionAsTakingItBackAndAddingTheNewOne() {
    DecisionStats stats = new DecisionStats("p", false);
    stats.add(decided(PriorAuthStatus.APPROVED, 45));
    stats.add(decided(PriorAuthStatus.DENIED, 120));
    // The encoding is kept from here on; each replace below must leave the histogram right.
    PriorAuthStatsRecords.toRecord(stats);

    // Same decision time, new status (communicated): the histogram keeps 45 and 120.
    stats.replace(
        decided(PriorAuthStatus.APPROVED, 45),
        new Contribution(
            "p",
            false,
            PriorAuthStatus.DETERMINATION_COMMUNICATED,
            PriorAuthStatus.APPROVED,
            false,
            false,
            45L));
    // A different decision time (a late event moved the first determination): 120 becomes 60.
    stats.replace(decided(PriorAuthStatus.DENIED, 120), decided(PriorAuthStatus.DENIED, 60));

    DecisionStats read = PriorAuthStatsRecords.fromRecord(PriorAuthStatsRecords.toRecord(stats));
    assertEquals(2, read.priorAuths());
    assertEquals(Map.of("DETERMINATION_COMMUNICATED", 1L, "DENIED", 1L), read.countsByStatus());
    assertEquals(2, read.decisions());
    assertEquals(45L, read.percentileMinutes(50)); // nearest rank: the 1st of 45, 60
    assertEquals(60L, read.percentileMinutes(90));
    assertEquals(52.5, read.meanMinutes(), 0.01);
  }

  @Test
  void shouldKeepItsFiguresRightAsDecisionTimesComeAndGo() {
    DecisionStats stats = new DecisionStats("p", false);
    stats.add(decided(PriorAuthStatus.APPROVED, 10));
    stats.add(decided(PriorAuthStatus.APPROVED, 20));
    stats.add(decided(PriorAuthStatus.DENIED, 30));
    assertEquals(20.0, stats.meanMinutes(), 1e-9);
    assertEquals(20L, stats.percentileMinutes(50));

    stats.remove(decided(PriorAuthStatus.APPROVED, 10));
    stats.add(decided(PriorAuthStatus.DENIED, 70));
    stats.add(decided(PriorAuthStatus.DENIED, 90));

    // 20, 30, 70, 90: mean 52.5; nearest rank: median = 2nd = 30, p90 = 4th = 90.
    assertEquals(52.5, stats.meanMinutes(), 1e-9);
    assertEquals(30L, stats.percentileMinutes(50));
    assertEquals(90L, stats.percentileMinutes(90));
    assertEquals(
        52.5,
        PriorAuthStatsRecords.fromRecord(PriorAuthStatsRecords.toRecord(stats)).meanMinutes());
  }

  @Test
  void shouldTakeTheMeanOfValuesBeyondTheExactRangeAsTheHistogramDoes() {
    // Beyond 16,384 minutes a value stands for its bucket: the mean is HdrHistogram's definition
    // (each value as its bucket's median), from a histogram of the same values built here.
    long[] kept = {5, 20_001, 20_003, 100_000, 1_234_567};
    DecisionStats stats = new DecisionStats("p", false);
    stats.add(decided(PriorAuthStatus.APPROVED, 99_999));
    for (long minutes : kept) {
      stats.add(decided(PriorAuthStatus.APPROVED, minutes));
    }
    stats.remove(decided(PriorAuthStatus.APPROVED, 99_999));
    Histogram expected = new Histogram(4);
    expected.setAutoResize(true);
    for (long minutes : kept) {
      expected.recordValue(minutes);
    }

    assertEquals(expected.getMean(), stats.meanMinutes(), 1e-9);
    assertEquals(expected.getValueAtPercentile(90), stats.percentileMinutes(90));
  }
}
