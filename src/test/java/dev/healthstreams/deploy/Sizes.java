package dev.healthstreams.deploy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as the JVM's flags and Kubernetes' quantities write them, in bytes. */
final class Sizes {
  private static final Pattern JVM_SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
  private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");

  private Sizes() {}

  static Optional<Long> jvm(String options, String flag) {
    Optional<Long> last = Optional.empty();
    for (String option : options.trim().split("\\s+")) {
      if (option.startsWith(flag)) {
        Matcher m = JVM_SIZE.matcher(option.substring(flag.length()));
        if (m.matches()) {
          long unit =
              switch (m.group(2).toLowerCase()) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1L;
              };
          // The JVM takes the last occurrence of a flag.
          last = Optional.of(Long.parseLong(m.group(1)) * unit);
        }
      }
    }
    return last;
  }

  /** A Kubernetes memory quantity in bytes (binary and decimal suffixes). */
  static long quantity(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return 0;
    }
    long unit =
        switch (m.group(2) == null ? "" : m.group(2)) {
          case "Ki" -> 1L << 10;
          case "Mi" -> 1L << 20;
          case "Gi" -> 1L << 30;
          case "Ti" -> 1L << 40;
          case "k" -> 1_000L;
          case "M" -> 1_000_000L;
          case "G" -> 1_000_000_000L;
          case "T" -> 1_000_000_000_000L;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }
}
