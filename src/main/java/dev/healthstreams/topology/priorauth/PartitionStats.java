package dev.healthstreams.topology.priorauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One partition's part of every payer-and-urgency's figures: the contributions of the PAs its views
 * hold, kept as they change, and which parts changed since they were last published.
 *
 * <p>A part is published whole, not as a change: a part sent twice, or one lost with a task that
 * failed, is set right by the next, and a task that starts builds its parts again from its views
 * (see {@link PriorAuthProcessor}). A part that falls to no PA is published once, empty, and then
 * forgotten. No Kafka type here.
 */
final class PartitionStats {
  /** A part to publish, under its stats key. */
  record Part(String key, DecisionStats figures) {}

  private final Map<String, DecisionStats> parts = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  /** One PA's contribution replaced (null when it was not counted, or no longer is). */
  void replace(Contribution removed, Contribution added) {
    if (Objects.equals(removed, added)) {
      return;
    }
    if (removed != null && added != null && removed.statsKey().equals(added.statsKey())) {
      part(removed).replace(removed, added);
      changed.add(removed.statsKey());
      return;
    }
    if (removed != null) {
      part(removed).remove(removed);
      changed.add(removed.statsKey());
    }
    if (added != null) {
      part(added).add(added);
      changed.add(added.statsKey());
    }
  }

  /**
   * After the parts were built again at start: every part is to be published, and so is an empty
   * one for each key published before whose PAs are gone (their last empty part may have been lost
   * with the task that failed).
   */
  void rebuilt(Set<String> publishedBefore) {
    changed.addAll(parts.keySet());
    for (String key : publishedBefore) {
      if (!parts.containsKey(key)) {
        parts.put(key, empty(key));
        changed.add(key);
      }
    }
  }

  /**
   * The parts changed since the last call, in the order they first changed; empty ones forgotten.
   */
  List<Part> takeChanged() {
    List<Part> taken = new ArrayList<>(changed.size());
    for (String key : changed) {
      DecisionStats figures = parts.get(key);
      taken.add(new Part(key, figures));
      if (figures.isEmpty()) {
        parts.remove(key);
      }
    }
    changed.clear();
    return taken;
  }

  private DecisionStats part(Contribution contribution) {
    return parts.computeIfAbsent(
        contribution.statsKey(),
        key -> new DecisionStats(contribution.payerId(), contribution.urgent()));
  }

  private static DecisionStats empty(String key) {
    return new DecisionStats(Contribution.payerOf(key), Contribution.isUrgentKey(key));
  }
}
