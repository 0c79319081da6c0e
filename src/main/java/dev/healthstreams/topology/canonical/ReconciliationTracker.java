package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.ReconciliationKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tracks, per published entity, whether every configured target acknowledged its latest version:
 * COMPLETED once all did with success, FAILED once for the first failed acknowledgement, OVERDUE
 * once when the version is not complete {@code within} its publication. Each kind is written at
 * most once per version. An acknowledgement of any other version than the latest published one
 * (older: stale; newer: not published here) changes nothing, so an old version's acks never
 * complete a newer one.
 */
public final class ReconciliationTracker {
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";

  private final Map<String, List<String>> targets;
  private final Duration within;

  public ReconciliationTracker(Map<String, List<String>> targets, Duration within) {
    this.targets = Map.copyOf(targets);
    this.within = within;
  }

  public Duration within() {
    return within;
  }

  /** What an event did: the state to keep and the record to write, if any. */
  public record Step(ReconciliationState state, Optional<ReconciliationKind> written) {}

  public boolean tracks(String entityType) {
    return targets.containsKey(entityType) && !targets.get(entityType).isEmpty();
  }

  /** A version was published: a newer one starts over, an older or the same one is ignored. */
  public ReconciliationState published(
      ReconciliationState current, String entityType, String entityId, long version, long at) {
    if (current != null && version <= current.version()) {
      return current;
    }
    return new ReconciliationState(entityType, entityId, version, at, Map.of(), Set.of());
  }

  public Step acknowledged(
      ReconciliationState current, String target, long version, String status, Long syncTime) {
    if (current == null
        || version != current.version()
        || !targets.getOrDefault(current.entityType(), List.of()).contains(target)) {
      return new Step(current, Optional.empty());
    }
    Map<String, ReconciliationState.Ack> acks = new HashMap<>(current.acks());
    acks.put(target, new ReconciliationState.Ack(status, syncTime));
    ReconciliationKind kind = null;
    if (FAILED.equals(status)) {
      kind = ReconciliationKind.FAILED;
    } else if (allSucceeded(current.entityType(), acks)) {
      kind = ReconciliationKind.COMPLETED;
    }
    Set<String> reported = new HashSet<>(current.reported());
    boolean write = kind != null && reported.add(kind.name());
    ReconciliationState next =
        new ReconciliationState(
            current.entityType(),
            current.entityId(),
            current.version(),
            current.publishedAt(),
            acks,
            reported);
    return new Step(next, write ? Optional.of(kind) : Optional.empty());
  }

  /** OVERDUE once, when neither completed nor failed {@code within} its publication. */
  public Step checkOverdue(ReconciliationState current, long now) {
    Set<String> reported = new HashSet<>(current.reported());
    if (now < dueAt(current)
        || reported.contains(ReconciliationKind.COMPLETED.name())
        || reported.contains(ReconciliationKind.FAILED.name())
        || !reported.add(ReconciliationKind.OVERDUE.name())) {
      return new Step(current, Optional.empty());
    }
    return new Step(
        new ReconciliationState(
            current.entityType(),
            current.entityId(),
            current.version(),
            current.publishedAt(),
            current.acks(),
            reported),
        Optional.of(ReconciliationKind.OVERDUE));
  }

  public long dueAt(ReconciliationState state) {
    return state.publishedAt() + within.toMillis();
  }

  public List<String> targetsOf(String entityType) {
    return targets.getOrDefault(entityType, List.of());
  }

  private boolean allSucceeded(String entityType, Map<String, ReconciliationState.Ack> acks) {
    for (String target : targetsOf(entityType)) {
      ReconciliationState.Ack ack = acks.get(target);
      if (ack == null || !SUCCESS.equals(ack.status())) {
        return false;
      }
    }
    return true;
  }
}
