package dev.healthstreams.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parsers that the core settings and the topologies share, for {@link ConfigNode#value}:
 *
 * <pre>{@code
 * Severity severity = rule.value("severity", Parsers.kebabEnum(Severity.class)).required();
 * Duration window = block.value("dedup-window", Parsers.duration()).orElse(Duration.ofDays(7));
 * Optional<String> unit = rule.value("unit", Parsers.string()).optional();
 * }</pre>
 */
public final class Parsers {
  /** Names Kafka accepts for topics (and that we accept for application id prefixes). */
  public static final String NAME_PATTERN = "[a-zA-Z0-9._-]+";

  /** Ids of rules, groups and interactions: lower case, digits and dashes. */
  public static final String ID_PATTERN = "[a-z0-9-]+";

  // Kafka's own limit on topic names.
  private static final int MAX_TOPIC_LENGTH = 249;
  // Plain decimal notation only: Double.parseDouble would also take "NaN", "0x1p3" or "1d".
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private Parsers() {}

  /** Any text, the empty text included. */
  public static Parser<String> string() {
    return Parser.of(text -> text, "");
  }

  public static Parser<String> nonEmpty() {
    return Parser.of(
        text -> {
          if (text.isEmpty()) {
            throw new InvalidValue("must not be empty");
          }
          return text;
        },
        "");
  }

  /** Text matching {@code regex}; otherwise an error quoting the value and the pattern. */
  public static Parser<String> matching(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return Parser.of(
        text -> {
          if (!pattern.matcher(text).matches()) {
            throw new InvalidValue("'" + text + "' must match " + regex);
          }
          return text;
        },
        "");
  }

  public static Parser<String> id() {
    return matching(ID_PATTERN);
  }

  /** A name Kafka accepts for a topic. */
  public static Parser<String> topicName() {
    return matching(NAME_PATTERN)
        .then(
            name -> {
              if (name.length() > MAX_TOPIC_LENGTH) {
                throw new InvalidValue("is longer than " + MAX_TOPIC_LENGTH + " characters");
              }
              return name;
            },
            "");
  }

  /** A whole number in {@code [min, max]}, in any decimal spelling ({@code 1e3}, {@code 2.0}). */
  public static Parser<Integer> integer(int min, int max) {
    return Parser.of(
        text -> {
          BigDecimal value = decimal(text);
          if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new InvalidValue("'" + text + "' is not a whole number");
          }
          if (value.compareTo(BigDecimal.valueOf(min)) < 0
              || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidValue("must be between " + min + " and " + max);
          }
          return value.intValueExact();
        },
        0);
  }

  public static Parser<Double> number() {
    return Parser.of(
        text -> {
          double value = decimal(text).doubleValue();
          if (!Double.isFinite(value)) {
            throw new InvalidValue("'" + text + "' is too large");
          }
          return value;
        },
        0.0);
  }

  /** {@code true} or {@code false} in any case; not YAML 1.1's yes/no/on/off. */
  public static Parser<Boolean> bool() {
    return Parser.of(
        text ->
            switch (text.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new InvalidValue("'" + text + "' is not true or false");
            },
        false);
  }

  /** An ISO-8601 duration (PT30M, P7D); negative durations are errors. */
  public static Parser<Duration> duration() {
    return Parser.of(
        text -> {
          Duration value;
          try {
            value = Duration.parse(text);
          } catch (DateTimeParseException e) {
            throw new InvalidValue("'" + text + "' is not an ISO-8601 duration (e.g. PT30M)");
          }
          if (value.isNegative()) {
            throw new InvalidValue("'" + text + "' must not be negative");
          }
          return value;
        },
        Duration.ZERO);
  }

  /**
   * An enum constant written as its lower-case name, with '-' or '_' between words ({@code
   * at-least-once} and {@code exactly_once_v2} both work); errors list the allowed values. The
   * placeholder is null, so a reader can tell a bad entry from a real constant.
   */
  public static <E extends Enum<E>> Parser<E> kebabEnum(Class<E> type) {
    return Parser.of(
        text -> {
          String normalized = text.replace('-', '_');
          for (E constant : type.getEnumConstants()) {
            if (yamlName(constant).equals(normalized)) {
              return constant;
            }
          }
          String allowed =
              Arrays.stream(type.getEnumConstants())
                  .map(Parsers::yamlName)
                  .collect(Collectors.joining(", "));
          throw new InvalidValue("'" + text + "' is not one of " + allowed);
        },
        null);
  }

  private static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  private static BigDecimal decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new InvalidValue("'" + text + "' is not a number");
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      // An exponent beyond what BigDecimal can hold.
      throw new InvalidValue("'" + text + "' is not a number");
    }
  }
}
