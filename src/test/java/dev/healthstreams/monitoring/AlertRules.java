package dev.healthstreams.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Prometheus alerting rule file, read and checked the way {@code promtool check rules} would for
 * its structure (promtool is not on the build machines): {@code groups} with unique names, each
 * with {@code rules}; each rule an {@code alert} with an {@code expr}, an optional {@code for}
 * duration, {@code labels} with a severity and {@code annotations} with a summary and a
 * description, and no other keys.
 */
public record AlertRules(List<Rule> rules) {
  public static final Path FILE = Path.of("deploy/prometheus/alerts.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> RULE_KEYS =
      Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
  private static final Set<String> GROUP_KEYS = Set.of("name", "rules", "interval", "limit");
  private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
  private static final Pattern ALERT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> SEVERITIES = Set.of("page", "ticket");

  public record Rule(
      String group,
      String alert,
      String expr,
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {}

  public static AlertRules read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** The rules, or an IllegalArgumentException listing every problem found. */
  public static AlertRules parse(String yaml) throws IOException {
    JsonNode root = YAML.readTree(yaml);
    List<String> problems = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    if (root == null || !root.path("groups").isArray() || root.path("groups").isEmpty()) {
      throw new IllegalArgumentException("no `groups` list");
    }
    unknownKeys(root, Set.of("groups"), "top level", problems);
    Set<String> groupNames = new HashSet<>();
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : root.path("groups")) {
      String name = group.path("name").asText("");
      String where = "group '" + name + "'";
      if (name.isEmpty() || !groupNames.add(name)) {
        problems.add("a group without a name, or a name used twice: '" + name + "'");
      }
      unknownKeys(group, GROUP_KEYS, where, problems);
      if (!group.path("rules").isArray() || group.path("rules").isEmpty()) {
        problems.add(where + ": no `rules` list");
        continue;
      }
      for (JsonNode rule : group.path("rules")) {
        Rule read = rule(name, rule, problems);
        if (read != null && !alerts.add(read.alert())) {
          problems.add("alert " + read.alert() + " is defined twice");
        }
        if (read != null) {
          rules.add(read);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new AlertRules(rules);
  }

  private static Rule rule(String group, JsonNode rule, List<String> problems) {
    String alert = rule.path("alert").asText("");
    String where = "alert '" + alert + "'";
    if (!ALERT_NAME.matcher(alert).matches()) {
      problems.add("group '" + group + "': a rule without a valid `alert` name: " + rule);
      return null;
    }
    unknownKeys(rule, RULE_KEYS, where, problems);
    String expr = rule.path("expr").asText("").trim();
    if (expr.isEmpty()) {
      problems.add(where + ": no `expr`");
    } else {
      try {
        PromQl.checkBalanced(expr);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    String forDuration = rule.path("for").asText(null);
    if (forDuration != null && !DURATION.matcher(forDuration).matches()) {
      problems.add(where + ": `for` is not a duration: " + forDuration);
    }
    Map<String, String> labels = strings(rule.path("labels"), where + " labels", problems);
    Map<String, String> annotations =
        strings(rule.path("annotations"), where + " annotations", problems);
    if (!SEVERITIES.contains(labels.get("severity"))) {
      problems.add(where + ": labels.severity must be one of " + SEVERITIES);
    }
    for (String needed : List.of("summary", "description")) {
      if (annotations.getOrDefault(needed, "").isBlank()) {
        problems.add(where + ": no annotations." + needed);
      }
    }
    return new Rule(group, alert, expr, forDuration, labels, annotations);
  }

  private static Map<String, String> strings(JsonNode node, String where, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!node.isObject()) {
      problems.add(where + ": missing or not a map");
      return values;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isValueNode()) {
                problems.add(where + "." + e.getKey() + " is not a string");
              }
              values.put(e.getKey(), e.getValue().asText());
            });
    return values;
  }

  private static void unknownKeys(
      JsonNode node, Set<String> allowed, String where, List<String> problems) {
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        problems.add(where + ": unknown key `" + key + "`");
      }
    }
  }

  public List<String> expressions() {
    return rules.stream().map(Rule::expr).toList();
  }
}
