package dev.healthstreams.config;

import static dev.healthstreams.config.YamlNodes.describe;
import static dev.healthstreams.config.YamlNodes.isNull;
import static dev.healthstreams.config.YamlNodes.lineOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping with its path ("topologies.observation-alerting.rules[2]") and line. Reading never
 * throws on bad input: a problem is recorded as a {@link ConfigError} naming the key's path and
 * line, and a placeholder is returned, so that one pass reports every problem. Keys a reader never
 * asked for are reported as unknown when loading ends.
 *
 * <pre>{@code
 * Severity severity = rule.value("severity", Parsers.kebabEnum(Severity.class)).required();
 * List<String> statuses = block.values("statuses", Parsers.string()).orElse(DEFAULT_STATUSES);
 * for (ConfigNode rule : block.list("rules")) { ... }
 * }</pre>
 *
 * <p>A key whose value is YAML null ({@code key:} or {@code key: ~}) counts as absent. Scalars go
 * through ${ENV} substitution before parsing. Only one load uses a node: it is not thread-safe and
 * readers should not keep it.
 */
public final class ConfigNode {
  private final String path;
  private final int line;
  private final LoadContext context;
  // A placeholder stands in for a block that is missing or malformed: its parent has already
  // reported that, so the placeholder stays silent instead of adding a follow-up error per key.
  private final boolean placeholder;
  private final ScalarReader scalars;
  private final Map<String, NodeTuple> entries;
  private final Set<String> asked = new LinkedHashSet<>();
  private final Set<String> handled = new LinkedHashSet<>();

  private ConfigNode(
      String path, int line, LoadContext context, Map<String, NodeTuple> entries, boolean silent) {
    this.path = path;
    this.line = line;
    this.context = context;
    this.placeholder = silent;
    this.scalars = new ScalarReader(context, silent);
    this.entries = entries;
  }

  /** Wraps a mapping; its keys are checked for unknown ones when the load finishes. */
  static ConfigNode of(MappingNode mapping, String path, int line, LoadContext context) {
    ConfigNode node =
        new ConfigNode(path, line, context, MappingEntries.index(mapping, path, context), false);
    context.register(node);
    return node;
  }

  private ConfigNode placeholder(String key) {
    return new ConfigNode(childPath(key), keyLine(key), context, Map.of(), true);
  }

  public String path() {
    return path;
  }

  public int line() {
    return line;
  }

  /** The keys present, in file order; listing them does not count as reading them. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
  }

  /** Whether the key is written at all (even with an empty value); marks it as known. */
  public boolean has(String key) {
    asked.add(key);
    return entries.containsKey(key);
  }

  /** A single value under {@code key}, converted by {@code parser}. */
  public <T> ConfigValue<T> value(String key, Parser<T> parser) {
    return new ConfigValue<>(
        this, key, value -> scalars.scalar(childPath(key), value, parser), parser.placeholder());
  }

  /** A list of single values, each converted by {@code parser}; bad elements are left out. */
  public <T> ConfigValue<List<T>> values(String key, Parser<T> parser) {
    return new ConfigValue<>(
        this, key, value -> scalars.scalars(childPath(key), value, parser), List.of());
  }

  /**
   * A mapping of any keys to single values, order kept; absent gives an empty map. Values are
   * quoted in errors only by the parser's own messages: with {@link Parsers#string()} never, which
   * is what client secrets and credentials need.
   */
  public <T> Map<String, T> map(String key, Parser<T> parser) {
    return freeMapping(
        key, (entryPath, entryValue) -> scalars.scalar(entryPath, entryValue, parser));
  }

  /** A mapping of any keys to lists of single values (e.g. severity -> topics); order kept. */
  public <T> Map<String, List<T>> listMap(String key, Parser<T> parser) {
    return freeMapping(
        key, (entryPath, entryValue) -> scalars.scalars(entryPath, entryValue, parser));
  }

  /** A nested mapping; absent gives empty, a non-mapping is an error (and a silent stand-in). */
  public Optional<ConfigNode> child(String key) {
    Node value = valueOf(key);
    return value == null ? Optional.empty() : Optional.of(wrap(key, value));
  }

  public ConfigNode requiredChild(String key) {
    Node value = valueOf(key);
    if (value == null) {
      error(key, "is required");
      return placeholder(key);
    }
    return wrap(key, value);
  }

  /** A list of mappings, element paths {@code key[i]}; absent gives an empty list. */
  public List<ConfigNode> list(String key) {
    Node value = valueOf(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      scalars.reportAt(childPath(key), value, "expected a list, found " + describe(value));
      return List.of();
    }
    List<ConfigNode> elements = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      String elementPath = childPath(key) + "[" + i + "]";
      Node item = items.get(i);
      if (item instanceof MappingNode mapping) {
        elements.add(of(mapping, elementPath, lineOf(item), context));
      } else {
        scalars.reportAt(elementPath, item, "expected a mapping, found " + describe(item));
      }
    }
    return List.copyOf(elements);
  }

  /** Records an error at {@code key}'s path and line (the node's own when the key is absent). */
  public void error(String key, String message) {
    asked.add(key);
    handled.add(key);
    if (!placeholder) {
      context.report(childPath(key), keyLine(key), message);
    }
  }

  /** Reports each key no accessor asked for; a mapping under such a key is reported once. */
  void reportUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (!asked.contains(key) && !handled.contains(key)) {
        String message =
            asked.isEmpty()
                ? "unknown key"
                : "unknown key (allowed: " + String.join(", ", asked) + ")";
        context.report(childPath(key), lineOf(entry.getValue().getKeyNode()), message);
      }
    }
  }

  /** The value under key, or null when the key is absent or its value is YAML null. */
  Node valueOf(String key) {
    asked.add(key);
    NodeTuple entry = entries.get(key);
    if (entry == null || isNull(entry.getValueNode())) {
      return null;
    }
    return entry.getValueNode();
  }

  /** Reads a mapping of any keys: each non-null value converted, or reported and left out. */
  private <V> Map<String, V> freeMapping(String key, BiFunction<String, Node, V> convert) {
    Map<String, V> result = new LinkedHashMap<>();
    Node value = valueOf(key);
    if (value == null) {
      return Collections.unmodifiableMap(result);
    }
    if (!(value instanceof MappingNode mapping)) {
      scalars.reportAt(childPath(key), value, "expected a mapping, found " + describe(value));
      return Collections.unmodifiableMap(result);
    }
    // Indexed for its key checks (duplicates, non-scalar keys) but not registered: any key goes.
    Map<String, NodeTuple> free = MappingEntries.index(mapping, childPath(key), context);
    for (Map.Entry<String, NodeTuple> entry : free.entrySet()) {
      String entryPath = MappingEntries.childPath(childPath(key), entry.getKey());
      Node entryValue = entry.getValue().getValueNode();
      if (isNull(entryValue)) {
        scalars.reportAt(entryPath, entryValue, "has no value");
        continue;
      }
      V converted = convert.apply(entryPath, entryValue);
      if (converted != null) {
        result.put(entry.getKey(), converted);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  private ConfigNode wrap(String key, Node value) {
    if (value instanceof MappingNode mapping) {
      return of(mapping, childPath(key), keyLine(key), context);
    }
    scalars.reportAt(childPath(key), value, "expected a mapping, found " + describe(value));
    return placeholder(key);
  }

  private String childPath(String key) {
    return MappingEntries.childPath(path, key);
  }

  private int keyLine(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? line : lineOf(entry.getKeyNode());
  }
}
