package dev.healthstreams.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Converts substituted scalar text to typed values; a bad value throws {@link InvalidValue}. */
final class ScalarParsers {
  // Plain decimal notation only: Double.parseDouble would also take "NaN", "0x1p3" or "1d".
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private ScalarParsers() {}

  static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new InvalidValue("must not be empty");
    }
    return text;
  }

  static String matching(String text, String regex) {
    if (!Pattern.matches(regex, text)) {
      throw new InvalidValue("'" + text + "' must match " + regex);
    }
    return text;
  }

  static int integer(String text, int min, int max) {
    BigDecimal value = decimal(text);
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      throw new InvalidValue("'" + text + "' is not a whole number");
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidValue("must be between " + min + " and " + max);
    }
    return value.intValueExact();
  }

  static double number(String text) {
    double value = decimal(text).doubleValue();
    if (!Double.isFinite(value)) {
      throw new InvalidValue("'" + text + "' is too large");
    }
    return value;
  }

  static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidValue("'" + text + "' is not true or false");
    };
  }

  static Duration duration(String text) {
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
  }

  /** Matches the constant's lower-case name, where the YAML may write '-' for '_'. */
  static <E extends Enum<E>> E enumConstant(String text, Class<E> type) {
    String normalized = text.replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (yamlName(constant).equals(normalized)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(ScalarParsers::yamlName)
            .collect(Collectors.joining(", "));
    throw new InvalidValue("'" + text + "' is not one of " + allowed);
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
