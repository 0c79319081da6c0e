package dev.healthstreams.topology.alerting;

/** Clinical urgency of an alert, most urgent first; routes and suppression tiers rely on it. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public boolean isHigherThan(Severity other) {
    return ordinal() < other.ordinal();
  }
}
