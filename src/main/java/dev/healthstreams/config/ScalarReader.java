package dev.healthstreams.config;

import static dev.healthstreams.config.YamlNodes.describe;
import static dev.healthstreams.config.YamlNodes.isNull;
import static dev.healthstreams.config.YamlNodes.lineOf;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Converts the single values under one {@link ConfigNode}: ${ENV} substitution, then a {@link
 * Parser}. A problem is reported at the value's path and line and the value comes back null; under
 * a placeholder node (silent) nothing is reported, its parent has said what is wrong.
 */
final class ScalarReader {
  private final LoadContext context;
  private final boolean silent;

  ScalarReader(LoadContext context, boolean silent) {
    this.context = context;
    this.silent = silent;
  }

  /** The converted value, or null after reporting why it cannot be. */
  <T> T scalar(String valuePath, Node value, Parser<T> parser) {
    if (!(value instanceof ScalarNode scalar)) {
      reportAt(valuePath, value, "expected a single value, found " + describe(value));
      return null;
    }
    EnvironmentSubstitution.Result text = context.substitute(scalar.getValue());
    text.problems().forEach(problem -> reportAt(valuePath, scalar, problem));
    if (!text.ok()) {
      return null;
    }
    try {
      return parser.parse(text.value());
    } catch (InvalidValue e) {
      reportAt(valuePath, value, e.getMessage());
      return null;
    }
  }

  /** The list's converted elements, or null when it is no list; bad elements are left out. */
  <T> List<T> scalars(String listPath, Node value, Parser<T> parser) {
    if (!(value instanceof SequenceNode sequence)) {
      reportAt(listPath, value, "expected a list, found " + describe(value));
      return null;
    }
    List<T> values = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = listPath + "[" + i + "]";
      Node item = items.get(i);
      if (isNull(item)) {
        reportAt(itemPath, item, "must not be empty");
        continue;
      }
      T converted = scalar(itemPath, item, parser);
      if (converted != null) {
        values.add(converted);
      }
    }
    return List.copyOf(values);
  }

  void reportAt(String valuePath, Node node, String message) {
    if (!silent) {
      context.report(valuePath, lineOf(node), message);
    }
  }
}
