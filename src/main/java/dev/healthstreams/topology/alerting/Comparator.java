package dev.healthstreams.topology.alerting;

/** How a rule compares an observed value with its threshold, written lower-case in YAML. */
public enum Comparator {
  GT(">"),
  GE(">="),
  LT("<"),
  LE("<="),
  EQ("=="),
  NE("!=");

  private final String symbol;

  Comparator(String symbol) {
    this.symbol = symbol;
  }

  /** Whether {@code value} stands in this relation to {@code threshold}; NaN never matches. */
  public boolean test(double value, double threshold) {
    return switch (this) {
      case GT -> value > threshold;
      case GE -> value >= threshold;
      case LT -> value < threshold;
      case LE -> value <= threshold;
      // Exact comparison on purpose: rules compare against values as recorded, and a tolerance
      // would be a clinical decision that belongs in the rule, not here.
      case EQ -> value == threshold;
      case NE -> value != threshold && !Double.isNaN(value);
    };
  }

  /** The mathematical symbol, for alert descriptions ("heart rate > 120 /min"). */
  public String symbol() {
    return symbol;
  }
}
