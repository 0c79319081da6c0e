package dev.healthstreams.topology.alerting;

import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationFacts.CodedValue;
import dev.healthstreams.fhir.ObservationFacts.Coding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Applies the alert rules to an Observation. Most Observations match no rule (questionnaires,
 * urinalysis, ...), so rules are indexed by code then system: a coding that no rule names costs one
 * hash lookup on a string the parser just made, without building a "system|code" key, and an
 * Observation that no rule concerns allocates nothing. Thread-safe: immutable after construction.
 */
public final class AlertEvaluator {

  private static final java.util.Comparator<Evaluation.Firing> BY_SEVERITY =
      java.util.Comparator.comparing(firing -> firing.rule().severity());

  private final Set<String> statuses;
  private final Map<String, Map<String, List<AlertRule>>> rulesByCodeThenSystem;
  private final UnitConverter units;

  public AlertEvaluator(AlertingSettings settings, UnitConverter units) {
    this.statuses = Set.copyOf(settings.statuses());
    this.units = units;
    Map<String, Map<String, List<AlertRule>>> index = new HashMap<>();
    for (AlertRule rule : settings.rules()) {
      index
          .computeIfAbsent(rule.code(), code -> new HashMap<>())
          .computeIfAbsent(rule.system(), system -> new ArrayList<>())
          .add(rule);
    }
    index.replaceAll((code, bySystem) -> copyOf(bySystem));
    this.rulesByCodeThenSystem = Map.copyOf(index);
  }

  /**
   * The alerts and skips for {@code observation}. Each rule is decided by the first element (the
   * Observation's own code, then its components in order) that carries its code; later matches are
   * ignored so that a rule fires at most once per Observation.
   */
  public Evaluation evaluate(ObservationFacts observation) {
    if (observation.status() == null || !statuses.contains(observation.status())) {
      return Evaluation.EMPTY;
    }
    List<AlertRule> decided = null;
    List<Evaluation.Firing> firings = null;
    List<Evaluation.Skip> skips = null;
    for (CodedValue element : observation.elements()) {
      for (Coding coding : element.codings()) {
        List<AlertRule> rules = rulesFor(coding);
        if (rules == null) {
          continue;
        }
        for (AlertRule rule : rules) {
          if (decided == null) {
            decided = new ArrayList<>(4);
            firings = new ArrayList<>(2);
            skips = new ArrayList<>(0);
          } else if (decided.contains(rule)) {
            continue;
          }
          decided.add(rule);
          apply(rule, coding, element, firings, skips);
        }
      }
    }
    if (decided == null || (firings.isEmpty() && skips.isEmpty())) {
      return Evaluation.EMPTY;
    }
    if (firings.size() > 1) {
      // Most severe first, so that suppression sees a critical tier before the high tier it
      // outranks, and the lower tier of the same Observation is then suppressed, not emitted.
      firings.sort(BY_SEVERITY);
    }
    return new Evaluation(firings, skips);
  }

  private List<AlertRule> rulesFor(Coding coding) {
    if (coding.code() == null || coding.system() == null) {
      return null;
    }
    Map<String, List<AlertRule>> bySystem = rulesByCodeThenSystem.get(coding.code());
    return bySystem == null ? null : bySystem.get(coding.system());
  }

  private void apply(
      AlertRule rule,
      Coding coding,
      CodedValue element,
      List<Evaluation.Firing> firings,
      List<Evaluation.Skip> skips) {
    if (element.value() == null) {
      skips.add(new Evaluation.Skip(rule.id(), Evaluation.Skip.NO_VALUE));
      return;
    }
    double value = element.value();
    String unit = element.unitCode();
    if (rule.unit() != null) {
      OptionalDouble converted = units.convert(value, element.unitCode(), rule.unit());
      if (converted.isEmpty()) {
        skips.add(new Evaluation.Skip(rule.id(), Evaluation.Skip.INCONVERTIBLE_UNIT));
        return;
      }
      value = converted.getAsDouble();
      unit = rule.unit();
    }
    if (rule.comparator().test(value, rule.threshold())) {
      firings.add(new Evaluation.Firing(rule, coding, value, unit));
    }
  }

  private static Map<String, List<AlertRule>> copyOf(Map<String, List<AlertRule>> bySystem) {
    Map<String, List<AlertRule>> copy = new HashMap<>();
    bySystem.forEach((system, rules) -> copy.put(system, List.copyOf(rules)));
    return Map.copyOf(copy);
  }
}
