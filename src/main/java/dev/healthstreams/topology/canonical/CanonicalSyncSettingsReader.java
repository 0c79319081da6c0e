package dev.healthstreams.topology.canonical;

import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigNode;
import dev.healthstreams.config.Parsers;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link CanonicalSyncSettings}; records every problem on the node with its path and carries
 * on, so one run reports them all.
 */
final class CanonicalSyncSettingsReader {
  static final Set<String> ENTITY_TYPES = Set.of("patient", "prescription");
  static final Set<String> SYSTEMS = Set.of(SourceKey.EHR, SourceKey.PHARMACY);
  private static final int PROBLEMS_SHOWN = 3;

  CanonicalSyncSettings read(ConfigNode block) {
    String mrnSystem =
        block
            .value("mrn-system", Parsers.nonEmpty())
            .orElse(CanonicalSyncSettings.DEFAULT_MRN_SYSTEM);
    String location =
        block
            .value("matching-rules", Parsers.nonEmpty())
            .orElse(CanonicalSyncSettings.DEFAULT_RULES);
    MatchRules rules = null;
    try {
      rules = MatchRulesReader.load(location);
    } catch (ConfigException e) {
      block.error("matching-rules", summary(location, e.errors()));
    }
    SurvivorshipRule defaultRule = SurvivorshipRule.MOST_RECENT;
    List<String> priority = List.of(SourceKey.EHR, SourceKey.PHARMACY);
    Map<GoldenField, SurvivorshipRule> fieldRules = new EnumMap<>(GoldenField.class);
    ConfigNode survivorship = block.child("survivorship").orElse(null);
    if (survivorship != null) {
      defaultRule =
          survivorship
              .value("default", Parsers.kebabEnum(SurvivorshipRule.class))
              .orElse(SurvivorshipRule.MOST_RECENT);
      if (defaultRule == null) {
        defaultRule = SurvivorshipRule.MOST_RECENT;
      }
      priority = survivorship.values("source-priority", Parsers.nonEmpty()).orElse(priority);
      for (String system : priority) {
        if (!SYSTEMS.contains(system)) {
          survivorship.error(
              "source-priority", "'" + system + "' is not one of " + sorted(SYSTEMS));
        }
      }
      Map<String, SurvivorshipRule> fields =
          survivorship.map("fields", Parsers.kebabEnum(SurvivorshipRule.class));
      fields.forEach(
          (name, rule) -> {
            GoldenField field = GoldenField.of(name);
            if (field == null) {
              survivorship.error(
                  "fields",
                  "'"
                      + name
                      + "' is not one of "
                      + java.util.Arrays.stream(GoldenField.values())
                          .map(GoldenField::configName)
                          .collect(Collectors.joining(", ")));
            } else if (rule != null) {
              fieldRules.put(field, rule);
            }
          });
    }
    Duration conflictWindow =
        positive(block, "conflict-window", CanonicalSyncSettings.DEFAULT_CONFLICT_WINDOW);
    Duration linkWait = positive(block, "link-wait", CanonicalSyncSettings.DEFAULT_LINK_WAIT);
    Duration reconcileWithin =
        positive(block, "reconcile-within", CanonicalSyncSettings.DEFAULT_RECONCILE_WITHIN);
    Map<String, List<String>> targets = new LinkedHashMap<>(block.listMap("targets", Parsers.id()));
    if (!block.has("targets")) {
      targets.put("patient", List.of("ehr", "pharmacy", "portal"));
      targets.put("prescription", List.of("pharmacy"));
    }
    for (String entityType : targets.keySet()) {
      if (!ENTITY_TYPES.contains(entityType)) {
        block.error("targets", "'" + entityType + "' is not one of " + sorted(ENTITY_TYPES));
      }
    }
    return new CanonicalSyncSettings(
        mrnSystem,
        location,
        rules,
        defaultRule,
        priority,
        fieldRules,
        conflictWindow,
        linkWait,
        reconcileWithin,
        Map.copyOf(targets));
  }

  private static Duration positive(ConfigNode block, String key, Duration fallback) {
    Duration value = block.value(key, Parsers.duration()).orElse(fallback);
    if (value.isZero()) {
      block.error(key, "must be longer than zero");
      return fallback;
    }
    return value;
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", "));
  }

  private static String summary(String location, List<ConfigError> errors) {
    String shown =
        errors.stream()
            .limit(PROBLEMS_SHOWN)
            .map(ConfigError::toString)
            .collect(Collectors.joining("; "));
    int more = errors.size() - PROBLEMS_SHOWN;
    return "'"
        + location
        + "' cannot be used: "
        + shown
        + (more > 0 ? " (and " + more + " more)" : "");
  }
}
