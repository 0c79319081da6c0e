package dev.healthstreams.config;

import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One key's value, read when a finisher is called: {@link #required()}, {@link #orElse} or {@link
 * #optional()}. A value that is there but bad has been reported by then (with its path and line);
 * the finisher only decides what a missing one means.
 *
 * <pre>{@code
 * int port = app.value("http-port", Parsers.integer(0, 65535)).orElse(8080);
 * String id = rule.value("id", Parsers.id()).required();
 * }</pre>
 */
public final class ConfigValue<T> {
  private final ConfigNode node;
  private final String key;
  // Converts the present value, reporting any problem; null when it did.
  private final Function<Node, T> convert;
  private final T placeholder;

  ConfigValue(ConfigNode node, String key, Function<Node, T> convert, T placeholder) {
    this.node = node;
    this.key = key;
    this.convert = convert;
    this.placeholder = placeholder;
  }

  /** The value; when missing (an error: "is required") or bad, the parser's placeholder. */
  public T required() {
    Node value = node.valueOf(key);
    if (value == null) {
      node.error(key, "is required");
      return placeholder;
    }
    T converted = convert.apply(value);
    return converted == null ? placeholder : converted;
  }

  /** The value; {@code defaultValue} when missing or bad. The default is not checked. */
  public T orElse(T defaultValue) {
    Node value = node.valueOf(key);
    if (value == null) {
      return defaultValue;
    }
    T converted = convert.apply(value);
    return converted == null ? defaultValue : converted;
  }

  /** The value; empty when missing or bad. */
  public Optional<T> optional() {
    Node value = node.valueOf(key);
    return value == null ? Optional.empty() : Optional.ofNullable(convert.apply(value));
  }
}
