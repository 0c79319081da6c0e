package dev.healthstreams.config;

import static dev.healthstreams.config.YamlNodes.isNull;
import static dev.healthstreams.config.YamlNodes.lineOf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A YAML mapping's entries by key, in file order; bad and duplicate keys are reported. */
final class MappingEntries {
  private MappingEntries() {}

  /** The entries of {@code mapping} at {@code path}; the first of duplicate keys wins. */
  static Map<String, NodeTuple> index(MappingNode mapping, String path, LoadContext context) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || isNull(keyNode)) {
        context.report(path, lineOf(keyNode), "keys must be plain names");
        continue;
      }
      String key = scalarKey.getValue();
      NodeTuple first = entries.putIfAbsent(key, tuple);
      if (first != null) {
        context.report(
            childPath(path, key),
            lineOf(keyNode),
            "duplicate key (first at line " + lineOf(first.getKeyNode()) + ")");
      }
    }
    return entries;
  }

  static String childPath(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
