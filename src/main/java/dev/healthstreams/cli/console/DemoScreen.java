package dev.healthstreams.cli.console;

import dev.healthstreams.cli.console.DemoTally.TopologyCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's summary as lines of text: per topology its state, records read of those fed, outputs
 * by kind, dead letters by reason and its last outputs' summaries; then the HTTP endpoints to try.
 * The same lines are redrawn on a terminal and printed as they are otherwise, so a test reads what
 * a person sees.
 */
public final class DemoScreen {
  private DemoScreen() {}

  /**
   * One topology's line of figures.
   *
   * @param state its Kafka Streams state
   * @param read records its consumers have read from the topics the demo feeds it
   * @param fed records the demo has sent to those topics
   */
  public record Row(TopologyCounts counts, String state, long read, long fed) {}

  /** An HTTP endpoint to try, with the topology it belongs to ("" for the process's own). */
  public record Link(String topology, String url) {}

  /**
   * @param lastOutputs how many of each topology's last summaries to show
   */
  public static List<String> render(
      String header, List<Row> rows, List<Link> links, int lastOutputs) {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    int width = rows.stream().mapToInt(r -> r.counts().name().length()).max().orElse(0);
    for (Row row : rows) {
      TopologyCounts c = row.counts();
      lines.add(
          String.format(
              "%-" + width + "s  %-11s in %d/%d  out %d  dead %d",
              c.name(),
              row.state(),
              row.read(),
              row.fed(),
              c.outputTotal(),
              c.deadLetterTotal()));
      if (!c.outputs().isEmpty()) {
        lines.add("  outputs: " + pairs(c.outputs()));
      }
      if (!c.deadLetters().isEmpty()) {
        lines.add("  dead letters: " + pairs(c.deadLetters()));
      }
      List<String> last = c.last();
      for (String summary : last.subList(Math.max(0, last.size() - lastOutputs), last.size())) {
        lines.add("  > " + summary);
      }
    }
    lines.add("try:");
    for (Link link : links) {
      lines.add(String.format("  %-" + width + "s  %s", link.topology(), link.url()));
    }
    return lines;
  }

  private static String pairs(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
