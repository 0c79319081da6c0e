package dev.healthstreams.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tiny topology schema read the way a real topology reads its block, so the tests exercise the
 * {@link ConfigNode} API as the topologies will use it.
 */
final class TestAlertingSchema {
  static final String NAME = "observation-alerting";
  static final List<String> ROLES = List.of("observations", "patients", "alerts", "dead-letter");

  enum Comparator {
    GT,
    GE,
    LT,
    LE,
    EQ,
    NE
  }

  record Rule(
      String id, String code, Comparator comparator, double threshold, Duration suppressFor) {}

  record Settings(boolean enabled, List<Rule> rules, Map<String, List<String>> severityTopics) {}

  private TestAlertingSchema() {}

  static TopologySchema<Settings> schema() {
    return TopologySchema.of(NAME, ROLES, reader());
  }

  static SettingsReader<Settings> reader() {
    return TestAlertingSchema::read;
  }

  /** A second schema with no settings of its own, to check lists of known topology names. */
  static TopologySchema<Void> otherSchema() {
    return TopologySchema.of("consent-table", List.of("consents"), block -> null);
  }

  static List<TopologySchema<?>> schemas() {
    return List.of(schema(), otherSchema());
  }

  private static Settings read(ConfigNode block) {
    boolean enabled = block.value("enabled", Parsers.bool()).orElse(true);
    List<Rule> rules = block.list("rules").stream().map(TestAlertingSchema::rule).toList();
    return new Settings(enabled, rules, block.listMap("severity-topics", Parsers.string()));
  }

  private static Rule rule(ConfigNode rule) {
    return new Rule(
        rule.value("id", Parsers.id()).required(),
        rule.value("code", Parsers.nonEmpty()).required(),
        rule.value("comparator", Parsers.kebabEnum(Comparator.class)).required(),
        rule.value("threshold", Parsers.number()).required(),
        rule.value("suppress-for", Parsers.duration()).orElse(Duration.ofMinutes(30)));
  }
}
