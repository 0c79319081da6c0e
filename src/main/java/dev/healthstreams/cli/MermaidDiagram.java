package dev.healthstreams.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/** A topology description as a Mermaid flowchart: topics as stadiums, stores as cylinders. */
final class MermaidDiagram {
  private MermaidDiagram() {}

  static String render(TopologyDescription description) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    Set<String> declared = new LinkedHashSet<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      out.append("  subgraph sub")
          .append(sub.id())
          .append("[\"sub-topology ")
          .append(sub.id())
          .append("\"]\n");
      for (TopologyDescription.Node node : sub.nodes()) {
        out.append("    ")
            .append(id("n", node.name()))
            .append("[\"")
            .append(node.name())
            .append("\"]\n");
      }
      out.append("  end\n");
      for (TopologyDescription.Node node : sub.nodes()) {
        for (TopologyDescription.Node next : node.successors()) {
          edge(out, id("n", node.name()), id("n", next.name()));
        }
        if (node instanceof TopologyDescription.Source source) {
          for (String topic : source.topicSet()) {
            declare(out, declared, id("t", topic), "([\"" + topic + "\"])");
            edge(out, id("t", topic), id("n", node.name()));
          }
        } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          declare(out, declared, id("t", sink.topic()), "([\"" + sink.topic() + "\"])");
          edge(out, id("n", node.name()), id("t", sink.topic()));
        } else if (node instanceof TopologyDescription.Processor processor) {
          for (String store : processor.stores()) {
            declare(out, declared, id("s", store), "[(\"" + store + "\")]");
            out.append("  ")
                .append(id("n", node.name()))
                .append(" -.- ")
                .append(id("s", store))
                .append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static void declare(StringBuilder out, Set<String> declared, String id, String shape) {
    if (declared.add(id)) {
      out.append("  ").append(id).append(shape).append('\n');
    }
  }

  private static void edge(StringBuilder out, String from, String to) {
    out.append("  ").append(from).append(" --> ").append(to).append('\n');
  }

  private static String id(String prefix, String name) {
    return prefix + "_" + name.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
