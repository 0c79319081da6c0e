package dev.healthstreams.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of tallies (the PA stats: how many PAs, decisions, statuses per payer) compared by its
 * counts, for at-least-once. There, an input processed twice counts twice in an aggregate: the
 * figures are right or too high, never too low unless something was lost. So per row and counter, a
 * received count above the expected one is that many duplicates, one below it that many missing (a
 * count is a number of events: a decision counted twice is one duplicate). A row whose key was
 * never expected is unexpected. Figures derived from the counted events (means, percentiles,
 * histograms) shift with duplicates and are not compared; under exactly-once the whole row is.
 */
final class TallyComparison {
  private final List<String> counters;
  private final Map<String, JsonNode> expected = new LinkedHashMap<>();
  private final Map<String, JsonNode> received = new LinkedHashMap<>();

  /**
   * @param counters the rows' count fields as JSON pointers; one ending in {@code /*} names every
   *     field of an object (counts by status)
   */
  TallyComparison(List<String> counters) {
    this.counters = counters;
  }

  void expected(String key, JsonNode row) {
    expected.put(key, row);
  }

  void received(String key, JsonNode row) {
    received.put(key, row);
  }

  OutputComparison.Result result() {
    long expectedCount = 0;
    long receivedCount = 0;
    long missing = 0;
    long duplicated = 0;
    long unexpected = 0;
    String aMissing = null;
    String anUnexpected = null;
    for (Map.Entry<String, JsonNode> row : received.entrySet()) {
      if (!expected.containsKey(row.getKey())) {
        unexpected++;
        anUnexpected = anUnexpected == null ? row.getKey() + "\t" + row.getValue() : anUnexpected;
      }
    }
    for (Map.Entry<String, JsonNode> row : expected.entrySet()) {
      Map<String, Long> want = counts(row.getValue());
      Map<String, Long> got = counts(received.get(row.getKey()));
      for (Map.Entry<String, Long> count : want.entrySet()) {
        long e = count.getValue();
        long r = got.getOrDefault(count.getKey(), 0L);
        expectedCount += e;
        receivedCount += r;
        if (r < e) {
          missing += e - r;
          aMissing =
              aMissing == null
                  ? row.getKey() + " " + count.getKey() + ": " + r + " of " + e
                  : aMissing;
        } else {
          duplicated += r - e;
        }
      }
      for (Map.Entry<String, Long> count : got.entrySet()) {
        if (!want.containsKey(count.getKey())) {
          receivedCount += count.getValue();
          duplicated += count.getValue(); // a status counted that the recomputation never saw
        }
      }
    }
    return new OutputComparison.Result(
        expectedCount, receivedCount, missing, duplicated, unexpected, aMissing, anUnexpected);
  }

  /** The row's counts by pointer; none for a missing row. */
  private Map<String, Long> counts(JsonNode row) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (row == null) {
      return counts;
    }
    for (String pointer : counters) {
      if (pointer.endsWith("/*")) {
        String parent = pointer.substring(0, pointer.length() - 2);
        row.at(parent)
            .fields()
            .forEachRemaining(f -> counts.put(parent + "/" + f.getKey(), f.getValue().asLong()));
      } else if (row.at(pointer).isNumber()) {
        counts.put(pointer, row.at(pointer).asLong());
      }
    }
    return counts;
  }
}
