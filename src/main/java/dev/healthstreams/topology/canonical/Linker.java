package dev.healthstreams.topology.canonical;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what automatic matching does with a new source record, from its best result against each
 * golden patient: no match makes a new golden patient; exactly one golden MATCH links to it;
 * MATCHes to two or more golden patients, or only POSSIBLE_MATCHes, link to none and ask a person.
 * Golden patients a steward declared not-a-match are left out first: manual decisions win.
 */
public final class Linker {

  public enum Action {
    NEW_GOLDEN,
    LINK,
    REVIEW
  }

  public enum ReviewReason {
    MULTIPLE_MATCHES,
    POSSIBLE_MATCH
  }

  /**
   * @param goldenId for LINK, the golden patient to link to
   * @param reason for REVIEW
   * @param candidates for REVIEW, every golden patient that matched or possibly matched
   */
  public record Decision(
      Action action, String goldenId, ReviewReason reason, Map<String, MatchOutcome> candidates) {}

  /**
   * @param best each candidate golden patient's strongest result against the record
   * @param excluded golden patients a steward declared not-a-match with the record
   */
  public Decision decide(Map<String, MatchOutcome> best, Set<String> excluded) {
    Map<String, MatchOutcome> matches = new TreeMap<>();
    Map<String, MatchOutcome> candidates = new TreeMap<>();
    best.forEach(
        (golden, outcome) -> {
          if (excluded.contains(golden) || outcome.result() == MatchResult.NO_MATCH) {
            return;
          }
          candidates.put(golden, outcome);
          if (outcome.result() == MatchResult.MATCH) {
            matches.put(golden, outcome);
          }
        });
    if (matches.size() == 1) {
      return new Decision(Action.LINK, matches.keySet().iterator().next(), null, Map.of());
    }
    if (matches.size() > 1) {
      return new Decision(Action.REVIEW, null, ReviewReason.MULTIPLE_MATCHES, candidates);
    }
    if (!candidates.isEmpty()) {
      return new Decision(Action.REVIEW, null, ReviewReason.POSSIBLE_MATCH, candidates);
    }
    return new Decision(Action.NEW_GOLDEN, null, null, Map.of());
  }

  /** The stronger of two outcomes, keeping the first on a tie. */
  public static MatchOutcome stronger(MatchOutcome a, MatchOutcome b) {
    if (a == null) {
      return b;
    }
    return b.result().compareTo(a.result()) > 0 ? b : a;
  }

  static List<String> sorted(Set<String> ids) {
    return ids.stream().sorted().toList();
  }
}
