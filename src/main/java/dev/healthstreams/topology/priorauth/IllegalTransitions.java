package dev.healthstreams.topology.priorauth;

/** What happens to an event that is not a legal successor of its predecessor. */
public enum IllegalTransitions {
  /** Reported as an anomaly and applied all the same. */
  APPLY,
  /** Reported, kept in the history marked rejected, otherwise ignored. */
  REJECT
}
