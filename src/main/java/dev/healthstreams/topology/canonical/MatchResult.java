package dev.healthstreams.topology.canonical;

/** HAPI MDM's match results, strongest last. */
public enum MatchResult {
  NO_MATCH,
  POSSIBLE_MATCH,
  MATCH
}
