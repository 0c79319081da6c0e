package dev.healthstreams.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** What config errors say about a SnakeYAML node: its line and its shape. */
final class YamlNodes {
  private YamlNodes() {}

  static int lineOf(Node node) {
    return YamlDocuments.lineOf(node.getStartMark());
  }

  /** {@code key:} and {@code key: ~}, which count as absent. */
  static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  static String describe(Node node) {
    return switch (node.getNodeId()) {
      case mapping -> "a mapping";
      case sequence -> "a list";
      case scalar -> "a single value";
      default -> "an alias";
    };
  }
}
