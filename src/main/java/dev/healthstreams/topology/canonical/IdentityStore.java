package dev.healthstreams.topology.canonical;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The state the identity stage works on, seen as plain collections: the processor backs it with its
 * key-value stores, unit tests with maps.
 */
public interface IdentityStore {
  SourceState source(String key);

  void putSource(String key, SourceState state);

  GoldenState golden(String goldenId);

  void putGolden(GoldenState state);

  void deleteGolden(String goldenId);

  /** The steward's decisions about a source: other source to "link" or "not-a-match". */
  Map<String, String> decisionsOf(String source);

  void putDecision(String a, String b, String decision);

  /** Sources indexed under a blocking key. */
  Set<String> blocked(String blockingKey);

  void addBlocking(String blockingKey, String source);

  void removeBlocking(String blockingKey, String source);

  ReviewEntry review(String reviewId);

  void putReview(ReviewEntry entry);

  void deleteReview(String reviewId);

  Collection<ReviewEntry> reviews();
}
