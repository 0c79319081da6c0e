package dev.healthstreams.topology.alerting;

/** The suppression store's value format: "SEVERITY@eventTimeMillis", small and readable. */
final class SuppressionStates {
  private SuppressionStates() {}

  static String encode(SuppressionState state) {
    return state.severity().name() + "@" + state.eventTime();
  }

  static SuppressionState decode(String value) {
    int at = value.indexOf('@');
    return new SuppressionState(
        Long.parseLong(value.substring(at + 1)), Severity.valueOf(value.substring(0, at)));
  }
}
