package dev.healthstreams.topology.alerting;

import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@link AlertingSettings} from a topology block. Like every settings reader it records
 * problems on the node and carries on, so one run reports them all; a rule with an error is left
 * out (the load fails anyway) rather than built from placeholders.
 */
final class AlertingSettingsReader {

  private static final Pattern ID = Pattern.compile(Parsers.ID_PATTERN);
  // Kafka's own limits on topic names.
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** FHIR R4 ObservationStatus (http://hl7.org/fhir/observation-status). */
  static final List<String> OBSERVATION_STATUSES =
      List.of(
          "registered",
          "preliminary",
          "final",
          "amended",
          "corrected",
          "cancelled",
          "entered-in-error",
          "unknown");

  private final UnitConverter units;

  AlertingSettingsReader(UnitConverter units) {
    this.units = units;
  }

  AlertingSettings read(ConfigNode block) {
    Set<String> statuses = readStatuses(block);
    Map<Severity, List<String>> routes = readRoutes(block);
    List<AlertRule> rules = readRules(block);
    return new AlertingSettings(statuses, routes, rules, readDedupWindow(block));
  }

  private static Duration readDedupWindow(ConfigNode block) {
    Duration window =
        block
            .value("dedup-window", Parsers.duration())
            .orElse(AlertingSettings.DEFAULT_DEDUP_WINDOW);
    if (window.isZero()) {
      block.error("dedup-window", "must be longer than zero");
      return AlertingSettings.DEFAULT_DEDUP_WINDOW;
    }
    return window;
  }

  private static Set<String> readStatuses(ConfigNode block) {
    List<String> listed =
        block.values("statuses", Parsers.string()).orElse(AlertingSettings.DEFAULT_STATUSES);
    if (listed.isEmpty()) {
      block.error("statuses", "at least one status is required");
    }
    Set<String> statuses = new LinkedHashSet<>();
    for (String status : listed) {
      if (OBSERVATION_STATUSES.contains(status)) {
        statuses.add(status);
      } else {
        block.error(
            "statuses",
            "'"
                + status
                + "' is not an Observation status, one of "
                + String.join(", ", OBSERVATION_STATUSES));
      }
    }
    return statuses;
  }

  private static Map<Severity, List<String>> readRoutes(ConfigNode block) {
    Map<Severity, List<String>> routes = new EnumMap<>(Severity.class);
    block
        .listMap("routes", Parsers.string())
        .forEach(
            (key, topics) -> {
              Optional<Severity> severity = severityNamed(key);
              if (severity.isEmpty()) {
                block.error("routes", "'" + key + "' is not one of " + severityNames());
                return;
              }
              for (String topic : topics) {
                if (!TOPIC.matcher(topic).matches()) {
                  block.error("routes", "'" + topic + "' is not a valid topic name");
                }
              }
              routes.put(severity.get(), topics);
            });
    return routes;
  }

  private List<AlertRule> readRules(ConfigNode block) {
    List<ConfigNode> nodes = block.list("rules");
    if (nodes.isEmpty()) {
      block.error("rules", "at least one rule is required");
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode node : nodes) {
      AlertRule rule = readRule(node, ids);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  /** The rule, or null when any of its fields is wrong (the errors are recorded on the node). */
  private AlertRule readRule(ConfigNode node, Set<String> ids) {
    boolean valid = true;
    String id = node.value("id", Parsers.id()).required();
    if (!ID.matcher(id).matches()) {
      valid = false;
    } else if (!ids.add(id)) {
      node.error("id", "duplicate rule id '" + id + "'");
      valid = false;
    }
    String[] systemAndCode = systemAndCode(node);
    Comparator comparator =
        node.value("comparator", Parsers.kebabEnum(Comparator.class)).required();
    double threshold = node.value("threshold", Parsers.number()).required();
    String unit = node.value("unit", Parsers.string()).optional().orElse(null);
    if (unit != null && !units.isValidUnit(unit)) {
      node.error("unit", "'" + unit + "' is not a valid UCUM unit");
      valid = false;
    }
    Severity severity = node.value("severity", Parsers.kebabEnum(Severity.class)).required();
    String description = node.value("description", Parsers.nonEmpty()).required();
    if (description.isBlank()) {
      valid = false;
    }
    Duration suppressFor = node.value("suppress-for", Parsers.duration()).optional().orElse(null);
    String suppressGroup = node.value("suppress-group", Parsers.string()).optional().orElse(null);
    if (suppressGroup != null && !ID.matcher(suppressGroup).matches()) {
      node.error("suppress-group", "'" + suppressGroup + "' does not match " + Parsers.ID_PATTERN);
      valid = false;
    }
    if (!valid || systemAndCode == null || comparator == null || severity == null) {
      return null;
    }
    return new AlertRule(
        id,
        systemAndCode[0],
        systemAndCode[1],
        comparator,
        threshold,
        unit,
        severity,
        description,
        suppressFor,
        suppressGroup);
  }

  /** {system, code} from "system|code", or null after recording an error. */
  private static String[] systemAndCode(ConfigNode node) {
    String text = node.value("code", Parsers.nonEmpty()).required();
    if (text.isEmpty()) {
      return null; // required() has reported it
    }
    int bar = text.indexOf('|');
    if (bar <= 0 || bar == text.length() - 1 || text.indexOf('|', bar + 1) >= 0) {
      node.error("code", "'" + text + "' is not system|code, e.g. http://loinc.org|8867-4");
      return null;
    }
    return new String[] {text.substring(0, bar), text.substring(bar + 1)};
  }

  private static Optional<Severity> severityNamed(String name) {
    for (Severity severity : Severity.values()) {
      if (severity.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  private static String severityNames() {
    List<String> names = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      names.add(severity.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", names);
  }
}
