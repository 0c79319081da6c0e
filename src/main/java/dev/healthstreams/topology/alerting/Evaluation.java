package dev.healthstreams.topology.alerting;

import dev.healthstreams.fhir.ObservationFacts;
import java.util.List;

/** What the rules made of one Observation: alerts to raise and rules that could not be applied. */
public record Evaluation(List<Firing> firings, List<Skip> skips) {

  /**
   * Shared by every Observation that no rule concerns, so that the common case allocates nothing.
   */
  public static final Evaluation EMPTY = new Evaluation(List.of(), List.of());

  public Evaluation {
    firings = List.copyOf(firings);
    skips = List.copyOf(skips);
  }

  public boolean isEmpty() {
    return firings.isEmpty() && skips.isEmpty();
  }

  /**
   * A rule whose threshold the value crossed.
   *
   * @param matched the coding that matched the rule
   * @param value the observed value, converted to the rule's unit when it has one
   * @param unit the rule's unit, else the value's own UCUM code (may be null)
   */
  public record Firing(
      AlertRule rule, ObservationFacts.Coding matched, double value, String unit) {}

  /**
   * A rule that matched but could not be evaluated.
   *
   * @param reason {@code no-value} or {@code inconvertible-unit}; a metric tag
   */
  public record Skip(String ruleId, String reason) {
    public static final String NO_VALUE = "no-value";
    public static final String INCONVERTIBLE_UNIT = "inconvertible-unit";
  }
}
