package dev.healthstreams.config;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses YAML text to SnakeYAML's node tree, which keeps line numbers and never instantiates
 * objects (tags are ignored, not constructed).
 */
final class YamlDocuments {
  private YamlDocuments() {}

  /** The document's top-level mapping; a syntax error or an empty document is thrown. */
  static MappingNode parseMapping(String text, String sourceName) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw single(sourceName, lineOf(e.getProblemMark()), "invalid YAML: " + problem(e));
    } catch (YAMLException e) {
      // Limits (alias count, size) and other unmarked failures; their text has no snippet.
      throw single(sourceName, 0, "invalid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw single(sourceName, 0, "is empty");
    }
    if (!(root instanceof MappingNode mapping)) {
      throw single(
          sourceName,
          lineOf(root.getStartMark()),
          "must be a mapping with the keys kafka, app and topologies");
    }
    return mapping;
  }

  static int lineOf(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    return options;
  }

  // getMessage() would append the offending source lines, which may hold values we must not echo.
  private static String problem(MarkedYAMLException e) {
    String context = e.getContext();
    String problem = e.getProblem();
    if (context == null) {
      return String.valueOf(problem);
    }
    return problem == null ? context : context + ": " + problem;
  }

  private static ConfigException single(String sourceName, int line, String message) {
    return new ConfigException(List.of(new ConfigError(sourceName, line, message)));
  }
}
