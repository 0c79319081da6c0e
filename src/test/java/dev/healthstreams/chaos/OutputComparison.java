package dev.healthstreams.chaos;

import java.util.HashMap;
import java.util.Map;

/**
 * Records a topic received against those a recomputation expects, compared as a multiset of
 * identities (a record's key and value, as one string): a record expected n times and received m
 * times is missing n - m times or duplicated m - n times; one never expected is unexpected.
 */
final class OutputComparison {
  private final Map<String, int[]> counts = new HashMap<>();
  private static final int EXPECTED = 0;
  private static final int RECEIVED = 1;

  void expected(String identity) {
    counts.computeIfAbsent(identity, k -> new int[2])[EXPECTED]++;
  }

  void received(String identity) {
    counts.computeIfAbsent(identity, k -> new int[2])[RECEIVED]++;
  }

  /** The figures of one topic. An example identity is kept per kind of difference. */
  record Result(
      long expected,
      long received,
      long missing,
      long duplicated,
      long unexpected,
      String aMissing,
      String anUnexpected) {

    boolean exact() {
      return missing == 0 && duplicated == 0 && unexpected == 0;
    }
  }

  Result result() {
    long expected = 0;
    long received = 0;
    long missing = 0;
    long duplicated = 0;
    long unexpected = 0;
    String aMissing = null;
    String anUnexpected = null;
    for (var entry : counts.entrySet()) {
      int e = entry.getValue()[EXPECTED];
      int r = entry.getValue()[RECEIVED];
      expected += e;
      received += r;
      if (e == 0) {
        unexpected += r;
        anUnexpected = anUnexpected == null ? entry.getKey() : anUnexpected;
      } else if (r < e) {
        missing += e - r;
        aMissing = aMissing == null ? entry.getKey() : aMissing;
      } else {
        duplicated += r - e;
      }
    }
    return new Result(expected, received, missing, duplicated, unexpected, aMissing, anUnexpected);
  }
}
