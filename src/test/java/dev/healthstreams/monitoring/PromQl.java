package dev.healthstreams.monitoring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found well enough to check them against a scrape:
 * strings, label matchers, ranges and Grafana variables are cut out, then every identifier is a
 * metric name unless it calls a function, is a keyword or aggregation operator, or is a label in a
 * {@code by (...)}, {@code without}, {@code on}, {@code ignoring} or {@code group_left/right} list.
 */
public final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of(
          // binary and set operators, modifiers, literals
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan",
          // aggregation operators (also written `sum by (x) (...)`, not followed by a parenthesis)
          "sum",
          "avg",
          "count",
          "min",
          "max",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group",
          "limitk",
          "limit_ratio");
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Pattern TOKENS =
      Pattern.compile(
          "(?<number>[0-9][0-9a-zA-Z_.]*)|(?<id>[a-zA-Z_:][a-zA-Z0-9_:]*)|(?<other>\\S)");

  private PromQl() {}

  public static Set<String> metricNames(String expr) {
    String bare = cut(expr);
    Set<String> names = new LinkedHashSet<>();
    Matcher m = TOKENS.matcher(bare);
    while (m.find()) {
      String id = m.group("id");
      if (id == null) {
        continue;
      }
      String lower = id.toLowerCase(java.util.Locale.ROOT);
      int next = nextNonSpace(bare, m.end());
      boolean call = next < bare.length() && bare.charAt(next) == '(';
      if (LABEL_LISTS.contains(lower)) {
        if (call) {
          // The labels of `by (a, b)` are not metrics: go on after the closing parenthesis.
          int close = bare.indexOf(')', next);
          m.region(close < 0 ? bare.length() : close + 1, bare.length());
        }
      } else if (!KEYWORDS.contains(lower) && !call) {
        names.add(id);
      }
    }
    return names;
  }

  /**
   * Fails on what would make Prometheus refuse the expression outright: unbalanced parentheses,
   * brackets or braces, or an unterminated string.
   */
  public static void checkBalanced(String expr) {
    Deque<Character> open = new ArrayDeque<>();
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(expr, i);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string in: " + expr);
        }
        i = end;
      } else if (c == '(' || c == '[' || c == '{') {
        open.push(c);
      } else if (c == ')' || c == ']' || c == '}') {
        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.isEmpty() || open.pop() != expected) {
          throw new IllegalArgumentException("unbalanced '" + c + "' in: " + expr);
        }
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("unclosed '" + open.peek() + "' in: " + expr);
    }
  }

  /** Strings, label matchers and ranges out; Grafana's variables out. */
  private static String cut(String expr) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(expr, i);
        i = end < 0 ? expr.length() : end;
        out.append(' ');
      } else if (c == '{' || c == '[') {
        i = closing(expr, i, c == '{' ? '}' : ']');
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString().replaceAll("\\$\\{[^}]*\\}|\\$[a-zA-Z_][a-zA-Z0-9_]*", " 1 ");
  }

  /** Where the bracket opened at {@code start} closes, strings inside skipped; the end if never. */
  private static int closing(String expr, int start, char close) {
    for (int i = start + 1; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(expr, i);
        i = end < 0 ? expr.length() : end;
      } else if (c == close) {
        return i;
      }
    }
    return expr.length();
  }

  private static int endOfString(String expr, int start) {
    char quote = expr.charAt(start);
    for (int i = start + 1; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static int nextNonSpace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
