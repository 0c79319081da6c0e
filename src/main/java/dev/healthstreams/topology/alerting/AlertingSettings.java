package dev.healthstreams.topology.alerting;

import dev.healthstreams.config.SettingsReader;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The observation-alerting topology's own settings.
 *
 * @param statuses Observation statuses that may alert
 * @param routes extra topics per severity, besides the alerts topic
 * @param rules at least one, ids unique
 * @param dedupWindow how long (arrival time) a written alert is remembered to drop re-deliveries
 */
public record AlertingSettings(
    Set<String> statuses,
    Map<Severity, List<String>> routes,
    List<AlertRule> rules,
    Duration dedupWindow) {

  /** Re-deliveries come from producer retries, replays and restores: a week covers them. */
  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(7);

  /** Amended and corrected results are re-stated results and may be newly abnormal. */
  public static final List<String> DEFAULT_STATUSES = List.of("final", "amended", "corrected");

  public AlertingSettings {
    statuses = Set.copyOf(statuses);
    Map<Severity, List<String>> routesCopy = new EnumMap<>(Severity.class);
    routes.forEach((severity, topics) -> routesCopy.put(severity, List.copyOf(topics)));
    routes = Collections.unmodifiableMap(routesCopy);
    rules = List.copyOf(rules);
  }

  public AlertingSettings(
      Set<String> statuses, Map<Severity, List<String>> routes, List<AlertRule> rules) {
    this(statuses, routes, rules, DEFAULT_DEDUP_WINDOW);
  }

  /** Extra topics for alerts of {@code severity}; empty when none are routed. */
  public List<String> routesFor(Severity severity) {
    return routes.getOrDefault(severity, List.of());
  }

  /** Reads and validates the block, checking rule units against the shared UCUM converter. */
  public static SettingsReader<AlertingSettings> reader() {
    return block -> new AlertingSettingsReader(UnitConverter.shared()).read(block);
  }

  public static SettingsReader<AlertingSettings> reader(UnitConverter units) {
    return block -> new AlertingSettingsReader(units).read(block);
  }
}
