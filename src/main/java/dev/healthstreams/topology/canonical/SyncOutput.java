package dev.healthstreams.topology.canonical;

/**
 * One record a stage writes, with where it goes: the stages forward these in memory, and the
 * topology routes each to its topic (no serde between them).
 */
public record SyncOutput(Route route, Object value) {
  public enum Route {
    PATIENT,
    REVIEW,
    CONFLICT,
    ERROR,
    PRESCRIPTION,
    OBSERVATION,
    /** A source record's golden patient changed: to the clinical stage. */
    LINK,
    /** A version was published: to the reconciliation stage. */
    PUBLISHED
  }
}
