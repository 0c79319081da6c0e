package dev.healthstreams.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping with its path ("topologies.observation-alerting.rules[2]") and line. Accessors
 * never throw on bad input: they record a {@link ConfigError} naming the key's path and line and
 * return a placeholder, so that one pass reports every problem. Keys a reader never asked for are
 * reported as unknown when loading ends.
 *
 * <p>A key whose value is YAML null ({@code key:} or {@code key: ~}) counts as absent. Scalar
 * values go through ${ENV} substitution before conversion. Only one load uses a node: it is not
 * thread-safe and readers should not keep it.
 */
public final class ConfigNode {
  private final String path;
  private final int line;
  private final LoadContext context;
  // A placeholder stands in for a block that is missing or malformed: its parent has already
  // reported that, so the placeholder stays silent instead of adding a follow-up error per key.
  private final boolean placeholder;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> asked = new LinkedHashSet<>();
  private final Set<String> handled = new LinkedHashSet<>();

  private ConfigNode(String path, int line, LoadContext context, boolean placeholder) {
    this.path = path;
    this.line = line;
    this.context = context;
    this.placeholder = placeholder;
  }

  /** Wraps a mapping; its keys are checked for unknown ones when the load finishes. */
  static ConfigNode of(MappingNode mapping, String path, int line, LoadContext context) {
    ConfigNode node = new ConfigNode(path, line, context, false);
    node.index(mapping);
    context.register(node);
    return node;
  }

  private static ConfigNode placeholder(String path, int line, LoadContext context) {
    return new ConfigNode(path, line, context, true);
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

  /** A required scalar; missing or not a scalar is an error (returns "" then). */
  public String requiredString(String key) {
    return read(key, ScalarParsers::nonEmpty, required(key, ""), "");
  }

  public Optional<String> optionalString(String key) {
    return read(key, Optional::of, Optional::empty, Optional.empty());
  }

  public String string(String key, String defaultValue) {
    return read(key, Function.identity(), () -> defaultValue, defaultValue);
  }

  /** A string matching {@code regex}; otherwise an error quoting the value and the pattern. */
  public String requiredString(String key, String regex) {
    return read(key, text -> ScalarParsers.matching(text, regex), required(key, ""), "");
  }

  /** An optional string matching {@code regex}; the default is not checked. */
  public String string(String key, String defaultValue, String regex) {
    return read(key, text -> ScalarParsers.matching(text, regex), () -> defaultValue, defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return read(
        key, text -> ScalarParsers.integer(text, min, max), () -> defaultValue, defaultValue);
  }

  public double requiredNumber(String key) {
    return read(key, ScalarParsers::number, required(key, 0.0), 0.0);
  }

  public OptionalDouble optionalNumber(String key) {
    return read(
        key,
        text -> OptionalDouble.of(ScalarParsers.number(text)),
        OptionalDouble::empty,
        OptionalDouble.empty());
  }

  public boolean bool(String key, boolean defaultValue) {
    return read(key, ScalarParsers::bool, () -> defaultValue, defaultValue);
  }

  /** ISO-8601 duration (PT30M, P7D); negative durations are errors. */
  public Optional<Duration> optionalDuration(String key) {
    return read(
        key, text -> Optional.of(ScalarParsers.duration(text)), Optional::empty, Optional.empty());
  }

  public Duration duration(String key, Duration defaultValue) {
    return read(key, ScalarParsers::duration, () -> defaultValue, defaultValue);
  }

  /**
   * An enum constant written in YAML as its lower-case name with '_' as '-' (exactly_once_v2 is
   * EXACTLY_ONCE_V2: both '_' and '-' are accepted); errors list the allowed values. When invalid
   * or missing, the placeholder returned is the first constant.
   */
  public <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
    E first = type.getEnumConstants()[0];
    return read(key, text -> ScalarParsers.enumConstant(text, type), required(key, first), first);
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    return read(
        key, text -> ScalarParsers.enumConstant(text, type), () -> defaultValue, defaultValue);
  }

  /** A sequence of scalars. */
  public List<String> stringList(String key, List<String> defaultValue) {
    Node value = valueOf(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof SequenceNode sequence)) {
      reportAt(childPath(key), value, "expected a list, found " + describe(value));
      return defaultValue;
    }
    return scalars(childPath(key), sequence);
  }

  /**
   * A mapping of scalar to scalar, order kept; absent gives an empty map. Any keys are accepted.
   * Values are never quoted in errors: this is where client secrets and credentials live.
   */
  public Map<String, String> stringMap(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    forEachEntry(
        key,
        (entryPath, entryValue) -> {
          if (!(entryValue instanceof ScalarNode scalar)) {
            reportAt(
                entryPath, entryValue, "expected a single value, found " + describe(entryValue));
            return null;
          }
          return substituted(entryPath, scalar).orElse(null);
        },
        result);
    return Collections.unmodifiableMap(result);
  }

  /** A mapping of key to sequence of scalars (e.g. severity -> topics); order kept. */
  public Map<String, List<String>> stringListMap(String key) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    forEachEntry(
        key,
        (entryPath, entryValue) -> {
          if (!(entryValue instanceof SequenceNode sequence)) {
            reportAt(entryPath, entryValue, "expected a list, found " + describe(entryValue));
            return null;
          }
          return scalars(entryPath, sequence);
        },
        result);
    return Collections.unmodifiableMap(result);
  }

  /** A nested mapping; absent gives empty, a non-mapping is an error (and a silent stand-in). */
  public Optional<ConfigNode> child(String key) {
    Node value = valueOf(key);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(wrap(key, value));
  }

  public ConfigNode requiredChild(String key) {
    Node value = valueOf(key);
    if (value == null) {
      error(key, "is required");
      return placeholder(childPath(key), keyLine(key), context);
    }
    return wrap(key, value);
  }

  /** A sequence of mappings, element paths {@code key[i]}; absent gives an empty list. */
  public List<ConfigNode> list(String key) {
    Node value = valueOf(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      reportAt(childPath(key), value, "expected a list, found " + describe(value));
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
        reportAt(elementPath, item, "expected a mapping, found " + describe(item));
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

  // ---- reading values

  private <T> T read(String key, Function<String, T> parser, Supplier<T> ifAbsent, T fallback) {
    Node value = valueOf(key);
    if (value == null) {
      return ifAbsent.get();
    }
    if (!(value instanceof ScalarNode scalar)) {
      reportAt(childPath(key), value, "expected a single value, found " + describe(value));
      return fallback;
    }
    Optional<String> text = substituted(childPath(key), scalar);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(text.get());
    } catch (InvalidValue e) {
      reportAt(childPath(key), value, e.getMessage());
      return fallback;
    }
  }

  private <T> Supplier<T> required(String key, T placeholderValue) {
    return () -> {
      error(key, "is required");
      return placeholderValue;
    };
  }

  /** The value under key, or null when the key is absent or its value is YAML null. */
  private Node valueOf(String key) {
    asked.add(key);
    NodeTuple entry = entries.get(key);
    if (entry == null || isNull(entry.getValueNode())) {
      return null;
    }
    return entry.getValueNode();
  }

  private Optional<String> substituted(String valuePath, ScalarNode scalar) {
    EnvironmentSubstitution.Result result = context.substitute(scalar.getValue());
    result.problems().forEach(problem -> reportAt(valuePath, scalar, problem));
    return result.ok() ? Optional.of(result.value()) : Optional.empty();
  }

  private List<String> scalars(String listPath, SequenceNode sequence) {
    List<String> values = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = listPath + "[" + i + "]";
      Node item = items.get(i);
      if (isNull(item)) {
        reportAt(itemPath, item, "must not be empty");
      } else if (item instanceof ScalarNode scalar) {
        substituted(itemPath, scalar).ifPresent(values::add);
      } else {
        reportAt(itemPath, item, "expected a single value, found " + describe(item));
      }
    }
    return List.copyOf(values);
  }

  /** Reads a free-form mapping: any keys, each non-null value converted or reported. */
  private <V> void forEachEntry(
      String key, BiFunction<String, Node, V> convert, Map<String, V> into) {
    Node value = valueOf(key);
    if (value == null) {
      return;
    }
    if (!(value instanceof MappingNode mapping)) {
      reportAt(childPath(key), value, "expected a mapping, found " + describe(value));
      return;
    }
    // Indexed for its key checks (duplicates, non-scalar keys) but not registered: any key goes.
    ConfigNode free = new ConfigNode(childPath(key), lineOf(value), context, false);
    free.index(mapping);
    for (Map.Entry<String, NodeTuple> entry : free.entries.entrySet()) {
      String entryPath = free.childPath(entry.getKey());
      Node entryValue = entry.getValue().getValueNode();
      if (isNull(entryValue)) {
        reportAt(entryPath, entryValue, "has no value");
        continue;
      }
      V converted = convert.apply(entryPath, entryValue);
      if (converted != null) {
        into.put(entry.getKey(), converted);
      }
    }
  }

  private ConfigNode wrap(String key, Node value) {
    if (value instanceof MappingNode mapping) {
      return of(mapping, childPath(key), keyLine(key), context);
    }
    reportAt(childPath(key), value, "expected a mapping, found " + describe(value));
    return placeholder(childPath(key), keyLine(key), context);
  }

  // ---- keys, paths and lines

  private void index(MappingNode mapping) {
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
            childPath(key),
            lineOf(keyNode),
            "duplicate key (first at line " + lineOf(first.getKeyNode()) + ")");
      }
    }
  }

  private void reportAt(String valuePath, Node node, String message) {
    if (!placeholder) {
      context.report(valuePath, lineOf(node), message);
    }
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private int keyLine(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? line : lineOf(entry.getKeyNode());
  }

  private static int lineOf(Node node) {
    return YamlDocuments.lineOf(node.getStartMark());
  }

  private static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  private static String describe(Node node) {
    return switch (node.getNodeId()) {
      case mapping -> "a mapping";
      case sequence -> "a list";
      case scalar -> "a single value";
      default -> "an alias";
    };
  }
}
