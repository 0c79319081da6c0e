package dev.healthstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Prints what the topologies emit, one line each with running counts, in the words of the topology
 * that wrote it (its one-line summary). Ids, codes and values only: no patient names on a terminal
 * that may be screen-shared.
 */
final class DemoPrinter {
  private final PrintWriter out;
  private final Map<String, Long> counts = new TreeMap<>();
  private long total;

  DemoPrinter(PrintWriter out) {
    this.out = out;
  }

  /**
   * @param summary the writing topology's summary of a record: (topic, value) to text
   */
  synchronized void print(
      String topic, JsonNode value, BiFunction<String, JsonNode, String> summary) {
    total++;
    String line = summary.apply(topic, value);
    counts.merge(topic + " " + firstWord(line), 1L, Long::sum);
    out.printf("#%-5d %-28s %s%n", total, topic, line);
    out.flush();
  }

  synchronized void printDeadLetter(String topic, String reason) {
    total++;
    counts.merge(topic + " " + reason, 1L, Long::sum);
    out.printf("#%-5d %-28s dead letter: %s%n", total, topic, reason);
    out.flush();
  }

  synchronized void summary() {
    out.printf("%d records emitted%n", total);
    counts.forEach((key, n) -> out.printf("  %-48s %d%n", key, n));
    out.flush();
  }

  private static String firstWord(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }
}
