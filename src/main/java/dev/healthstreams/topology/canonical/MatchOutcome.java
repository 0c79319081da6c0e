package dev.healthstreams.topology.canonical;

import java.util.Set;

/** A comparison's result and the match fields that matched (by name; "eid" for an EID decision). */
public record MatchOutcome(MatchResult result, Set<String> matchedFields) {
  public static final MatchOutcome NONE = new MatchOutcome(MatchResult.NO_MATCH, Set.of());
}
