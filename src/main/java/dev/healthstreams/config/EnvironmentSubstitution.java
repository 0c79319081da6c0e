package dev.healthstreams.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar from the environment, and
 * leaves Kafka config-provider references ({@code ${file:/path:key}}, {@code ${env:VAR}}) for the
 * Kafka clients to resolve, so secrets never pass through this file.
 */
final class EnvironmentSubstitution {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern VARIABLE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?", Pattern.DOTALL);
  // A lower-case provider name then ':' (but not ':-', which VARIABLE takes first).
  private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_.-]*:.*", Pattern.DOTALL);

  /** The substituted text, or the problems that stop it (one per bad reference). */
  record Result(String value, List<String> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  private final Map<String, String> environment;

  EnvironmentSubstitution(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Result apply(String text) {
    if (!text.contains("${")) {
      return new Result(text, List.of());
    }
    List<String> problems = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    Matcher reference = REFERENCE.matcher(text);
    while (reference.find()) {
      String replacement = resolve(reference.group(1), reference.group(), problems);
      // The replacement is literal: a value that itself contains ${...} is not expanded again.
      reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    reference.appendTail(out);
    return new Result(out.toString(), List.copyOf(problems));
  }

  private String resolve(String body, String whole, List<String> problems) {
    Matcher variable = VARIABLE.matcher(body);
    if (variable.matches()) {
      String name = variable.group(1);
      String fallback = variable.group(2);
      String value = environment.get(name);
      if (fallback != null) {
        // Shell semantics of ':-': an empty variable also takes the default.
        return value == null || value.isEmpty() ? fallback : value;
      }
      if (value == null) {
        problems.add("environment variable " + name + " is not set");
        return "";
      }
      return value;
    }
    if (!PROVIDER.matcher(body).matches()) {
      // Not quoted: the reference may sit inside a secret-bearing property.
      problems.add("malformed reference: write ${NAME}, ${NAME:-default} or ${provider:...}");
    }
    return whole;
  }
}
