package dev.healthstreams.topology.canonical;

import dev.healthstreams.config.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The canonical-sync topology's own settings.
 *
 * @param matchingRules where the rule file is ("classpath:/..." or a file path)
 * @param rules the rule file, read and checked when the config is loaded, so {@code validate}
 *     reports a broken file before anything starts; null when it cannot be used (the load fails)
 * @param targets per entity type (patient, prescription), the systems that acknowledge versions
 */
public record CanonicalSyncSettings(
    String mrnSystem,
    String matchingRules,
    MatchRules rules,
    SurvivorshipRule defaultRule,
    List<String> sourcePriority,
    Map<GoldenField, SurvivorshipRule> fieldRules,
    Duration conflictWindow,
    Duration linkWait,
    Duration reconcileWithin,
    Map<String, List<String>> targets) {

  public static final String DEFAULT_MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5";
  public static final String DEFAULT_RULES = "classpath:/sync/mdm-rules.json";
  public static final Duration DEFAULT_CONFLICT_WINDOW = Duration.ofDays(1);
  public static final Duration DEFAULT_LINK_WAIT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RECONCILE_WITHIN = Duration.ofMinutes(15);

  public static SettingsReader<CanonicalSyncSettings> reader() {
    return new CanonicalSyncSettingsReader()::read;
  }

  public Survivorship survivorship() {
    return new Survivorship(defaultRule, sourcePriority, fieldRules);
  }

  public ReconciliationTracker tracker() {
    return new ReconciliationTracker(targets, reconcileWithin);
  }
}
