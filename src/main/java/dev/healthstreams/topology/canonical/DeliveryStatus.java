package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.ReconciliationKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Where delivery of an entity's latest published version stands, as a steward reads it: each
 * configured target {@code pending} (no acknowledgement of this version yet), {@code applied} or
 * {@code failed}; the whole {@code COMPLETED}, {@code FAILED} or {@code PENDING}; {@code overdue}
 * once an OVERDUE was written for this version.
 *
 * @param dueAt when the version becomes overdue unless complete (epoch ms)
 */
public record DeliveryStatus(
    String entityType,
    String entityId,
    long version,
    long publishedAt,
    long dueAt,
    String status,
    boolean overdue,
    List<Target> targets) {

  /** One target's acknowledgement of this version: its state and, once acknowledged, its time. */
  public record Target(String target, String state, Long syncTimestamp) {}

  public static final String PENDING = "pending";
  public static final String APPLIED = "applied";
  public static final String FAILED = "failed";

  public DeliveryStatus {
    targets = List.copyOf(targets);
  }

  public static DeliveryStatus of(ReconciliationState state, ReconciliationTracker tracker) {
    List<Target> targets = new ArrayList<>();
    boolean failed = false;
    boolean allApplied = true;
    for (String target : tracker.targetsOf(state.entityType())) {
      ReconciliationState.Ack ack = state.acks().get(target);
      String targetState;
      if (ack == null) {
        targetState = PENDING;
      } else if (ReconciliationTracker.SUCCESS.equals(ack.status())) {
        targetState = APPLIED;
      } else {
        targetState = FAILED;
      }
      failed |= targetState.equals(FAILED);
      allApplied &= targetState.equals(APPLIED);
      targets.add(new Target(target, targetState, ack == null ? null : ack.syncTimestamp()));
    }
    String status =
        failed
            ? ReconciliationKind.FAILED.name()
            : allApplied ? ReconciliationKind.COMPLETED.name() : "PENDING";
    return new DeliveryStatus(
        state.entityType(),
        state.entityId(),
        state.version(),
        state.publishedAt(),
        tracker.dueAt(state),
        status,
        state.reported().contains(ReconciliationKind.OVERDUE.name()),
        targets);
  }
}
