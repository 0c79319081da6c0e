package dev.healthstreams.runtime.query;

/** How a query was answered: the {@code outcome} label of {@code healthstreams_queries_total}. */
enum Outcome {
  /** From this replica's active copy. */
  LOCAL("local"),
  /** Relayed from the replica that owns the key, or gathered from several replicas. */
  FORWARDED("forwarded"),
  /** From a standby copy, the owner being unreachable. */
  STANDBY("standby"),
  NOT_FOUND("404"),
  BAD_REQUEST("400"),
  UNAVAILABLE("503"),
  ERROR("500");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
