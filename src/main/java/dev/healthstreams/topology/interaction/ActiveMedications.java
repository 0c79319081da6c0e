package dev.healthstreams.topology.interaction;

import dev.healthstreams.fhir.DrugCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One patient's active MedicationRequests, and which pairs to check when one of them changes.
 * Immutable: {@link #apply} returns the next state, so the caller decides when to store it. The
 * state is the list {@link #requests()}, which is all a store needs to keep.
 *
 * <p>A request is active while its latest version has status active or on-hold (a held prescription
 * resumes with the same drugs on board); any other status removes it, since stopped, completed,
 * cancelled, entered-in-error and draft requests are not being taken.
 */
public final class ActiveMedications {

  public static final ActiveMedications EMPTY = new ActiveMedications(List.of());

  /** MedicationRequest statuses (http://hl7.org/fhir/CodeSystem/medicationrequest-status). */
  public static final Set<String> ACTIVE_STATUSES = Set.of("active", "on-hold");

  // Sorted by request id, so that stored states and pair order are deterministic.
  private final TreeMap<String, ActiveRequest> byId;

  /** Whether a request of this status is being taken; a request without a status is not. */
  public static boolean isActive(String status) {
    // Set.of rejects contains(null).
    return status != null && ACTIVE_STATUSES.contains(status);
  }

  /** From a stored state; a request id listed twice keeps its later entry. */
  public ActiveMedications(Collection<ActiveRequest> requests) {
    this.byId = new TreeMap<>();
    for (ActiveRequest request : requests) {
      byId.put(request.requestId(), request);
    }
  }

  private ActiveMedications(TreeMap<String, ActiveRequest> byId) {
    this.byId = byId;
  }

  /** The active requests, ordered by request id. */
  public List<ActiveRequest> requests() {
    return List.copyOf(byId.values());
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /**
   * The state after a new version of request {@code requestId}, and the pairs to check.
   *
   * @param drug the request's drug; null when it is not known yet (a Medication reference not yet
   *     resolved), in which case nothing changes: the request comes again once resolved
   */
  public Outcome apply(String requestId, String status, DrugCode drug) {
    if (!isActive(status)) {
      if (!byId.containsKey(requestId)) {
        return new Outcome(this, List.of());
      }
      TreeMap<String, ActiveRequest> next = new TreeMap<>(byId);
      next.remove(requestId);
      return new Outcome(new ActiveMedications(next), List.of());
    }
    if (drug == null) {
      return new Outcome(this, List.of());
    }
    ActiveRequest updated = new ActiveRequest(requestId, drug.matchKey(), drug.display());
    ActiveRequest previous = byId.get(requestId);
    if (updated.equals(previous)) {
      return new Outcome(this, List.of());
    }
    TreeMap<String, ActiveRequest> next = new TreeMap<>(byId);
    next.put(requestId, updated);
    // A new display for the same drug is no new combination: only a new drug is checked.
    if (previous != null && previous.drugCode().equals(updated.drugCode())) {
      return new Outcome(new ActiveMedications(next), List.of());
    }
    return new Outcome(new ActiveMedications(next), pairs(updated));
  }

  /**
   * The pairs of active request {@code requestId} with every other active request, as {@link
   * #apply} gave them when it became active or changed drug; none when it is not active. For a
   * record read again over a state it already changed (at-least-once, after a crash).
   */
  public List<CheckPair> pairsOf(String requestId) {
    ActiveRequest request = byId.get(requestId);
    return request == null ? List.of() : pairs(request);
  }

  private List<CheckPair> pairs(ActiveRequest changed) {
    List<CheckPair> pairs = new ArrayList<>(byId.size());
    for (ActiveRequest other : byId.values()) {
      if (!other.requestId().equals(changed.requestId())) {
        pairs.add(new CheckPair(changed, other));
      }
    }
    return Collections.unmodifiableList(pairs);
  }

  /**
   * @param next the state to store; the same instance when nothing changed
   * @param toCheck pairs of the changed request with every other active request, by their id
   */
  public record Outcome(ActiveMedications next, List<CheckPair> toCheck) {
    public Outcome {
      toCheck = List.copyOf(toCheck);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActiveMedications that && byId.equals(that.byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }

  @Override
  public String toString() {
    // Request ids only: which drugs a patient takes is PHI and toString ends up in logs.
    return "ActiveMedications" + byId.keySet();
  }
}
