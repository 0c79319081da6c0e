package dev.healthstreams.topology.alerting;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One clinical threshold: an element coded {@code system|code} whose value, in {@code unit} when
 * given, satisfies {@code comparator threshold} raises an alert of {@code severity}.
 *
 * @param unit UCUM code of the threshold; null compares values as recorded
 * @param suppressFor repeats within this time of an alert of the same group are suppressed; null
 *     never suppresses
 * @param suppressGroup rules sharing it share suppression state so that tiers escalate (a critical
 *     tier still fires after a high one); null defaults to {@code id}
 */
public record AlertRule(
    String id,
    String system,
    String code,
    Comparator comparator,
    double threshold,
    String unit,
    Severity severity,
    String description,
    Duration suppressFor,
    String suppressGroup)
    // Serializable so that a job that ships its functions (the Flink peer of bench) can carry it.
    implements Serializable {

  public AlertRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(comparator, "comparator");
    Objects.requireNonNull(severity, "severity");
    if (suppressFor != null && suppressFor.isNegative()) {
      throw new IllegalArgumentException("rule " + id + ": suppress-for must not be negative");
    }
    if (suppressGroup == null) {
      suppressGroup = id;
    }
  }

  /** The "system|code" the rule matches, as written in the configuration. */
  public String codeKey() {
    return system + "|" + code;
  }
}
