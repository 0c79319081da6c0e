package dev.healthstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what the topologies emit, one line each with running counts. Ids, rules and values only:
 * no patient names on a terminal that may be screen-shared.
 */
final class DemoPrinter {
  private final PrintWriter out;
  private final Map<String, Long> counts = new TreeMap<>();
  private long total;

  DemoPrinter(PrintWriter out) {
    this.out = out;
  }

  synchronized void print(String topic, JsonNode value) {
    String severity = text(value, "severity", "-");
    total++;
    counts.merge(topic + " " + severity, 1L, Long::sum);
    out.printf(
        "#%-5d %-28s %-9s %-24s patient=%s %s%n",
        total,
        topic,
        severity,
        text(value, "ruleId", text(value, "interactionId", "")),
        text(value, "patientId", "?"),
        detail(value));
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

  private static String detail(JsonNode value) {
    if (value.has("value")) {
      return "value=" + value.get("value").asText() + " " + text(value, "unit", "");
    }
    return text(value, "description", "");
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }
}
