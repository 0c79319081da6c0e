package dev.healthstreams.topology.canonical;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The identity state in maps, for testing the identity logic without Kafka. */
final class MapIdentityStore implements IdentityStore {
  final Map<String, SourceState> sources = new TreeMap<>();
  final Map<String, GoldenState> goldens = new TreeMap<>();
  final Map<String, Map<String, String>> decisions = new HashMap<>();
  final Map<String, Set<String>> blocking = new HashMap<>();
  final Map<String, ReviewEntry> reviews = new TreeMap<>();
  int blockingWrites;

  @Override
  public SourceState source(String key) {
    return sources.get(key);
  }

  @Override
  public void putSource(String key, SourceState state) {
    sources.put(key, state);
  }

  @Override
  public GoldenState golden(String goldenId) {
    return goldens.get(goldenId);
  }

  @Override
  public void putGolden(GoldenState state) {
    goldens.put(state.goldenId(), state);
  }

  @Override
  public void deleteGolden(String goldenId) {
    goldens.remove(goldenId);
  }

  @Override
  public Map<String, String> decisionsOf(String source) {
    return decisions.getOrDefault(source, Map.of());
  }

  @Override
  public void putDecision(String a, String b, String decision) {
    decisions.computeIfAbsent(a, k -> new TreeMap<>()).put(b, decision);
    decisions.computeIfAbsent(b, k -> new TreeMap<>()).put(a, decision);
  }

  @Override
  public Set<String> blocked(String blockingKey) {
    return blocking.getOrDefault(blockingKey, Set.of());
  }

  @Override
  public void addBlocking(String blockingKey, String source) {
    blockingWrites++;
    blocking.computeIfAbsent(blockingKey, k -> new TreeSet<>()).add(source);
  }

  @Override
  public void removeBlocking(String blockingKey, String source) {
    blockingWrites++;
    blocking.getOrDefault(blockingKey, new TreeSet<>()).remove(source);
  }

  @Override
  public ReviewEntry review(String reviewId) {
    return reviews.get(reviewId);
  }

  @Override
  public void putReview(ReviewEntry entry) {
    reviews.put(entry.reviewId(), entry);
  }

  @Override
  public void deleteReview(String reviewId) {
    reviews.remove(reviewId);
  }

  @Override
  public Collection<ReviewEntry> reviews() {
    return List.copyOf(reviews.values());
  }
}
