package dev.healthstreams.topology.canonical;

import java.util.List;

/**
 * An open review item: a source record given its own golden patient because matching could not
 * decide, and the golden patients it could belong to.
 */
public record ReviewEntry(
    String reviewId,
    String source,
    String goldenId,
    String reason,
    List<Candidate> candidates,
    long openedAt) {

  public record Candidate(String goldenId, String result, List<String> matchedFields) {}

  /** Every golden patient the item flags POSSIBLE_DUPLICATE: its own and the candidates. */
  public List<String> flagged() {
    List<String> ids = new java.util.ArrayList<>();
    ids.add(goldenId);
    candidates.forEach(c -> ids.add(c.goldenId()));
    return ids;
  }
}
