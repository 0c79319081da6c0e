package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.ADDITIONAL_INFO_REQUIRED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPEALED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.CANCELLED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DENIED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DETERMINATION_COMMUNICATED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DOCUMENTATION_ASSEMBLED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DOCUMENTATION_REQUESTED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.EXPIRED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.INITIATED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.MODIFIED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.PARTIALLY_APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.PENDED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The legal lifecycle transitions: the default table plus any a config adds. {@code null}
 * as the "from" status is {@code start}, the first event of a PA.
 */
public final class TransitionTable {
  private static final Set<PriorAuthStatus> DETERMINATIONS =
      EnumSet.of(APPROVED, PARTIALLY_APPROVED, MODIFIED, DENIED);

  // Keyed by from-status; the start row under null (HashMap allows it).
  private final Map<PriorAuthStatus, Set<PriorAuthStatus>> legal;

  private TransitionTable(Map<PriorAuthStatus, Set<PriorAuthStatus>> legal) {
    this.legal = legal;
  }

  public static TransitionTable defaults() {
    Map<PriorAuthStatus, Set<PriorAuthStatus>> table = new HashMap<>();
    table.put(null, EnumSet.of(INITIATED, SUBMITTED));
    table.put(INITIATED, EnumSet.of(DOCUMENTATION_REQUESTED, SUBMITTED, CANCELLED));
    table.put(DOCUMENTATION_REQUESTED, EnumSet.of(DOCUMENTATION_ASSEMBLED, CANCELLED));
    table.put(DOCUMENTATION_ASSEMBLED, EnumSet.of(SUBMITTED, CANCELLED));
    Set<PriorAuthStatus> underReview = EnumSet.of(ADDITIONAL_INFO_REQUIRED, CANCELLED);
    underReview.addAll(DETERMINATIONS);
    Set<PriorAuthStatus> fromSubmitted = EnumSet.copyOf(underReview);
    fromSubmitted.add(PENDED);
    table.put(SUBMITTED, fromSubmitted);
    table.put(PENDED, underReview);
    table.put(ADDITIONAL_INFO_REQUIRED, EnumSet.of(SUBMITTED, DENIED, CANCELLED, EXPIRED));
    for (PriorAuthStatus approvedKind : EnumSet.of(APPROVED, PARTIALLY_APPROVED, MODIFIED)) {
      table.put(approvedKind, EnumSet.of(DETERMINATION_COMMUNICATED, EXPIRED, CANCELLED));
    }
    table.put(DENIED, EnumSet.of(DETERMINATION_COMMUNICATED, APPEALED));
    Set<PriorAuthStatus> fromAppealed = EnumSet.copyOf(DETERMINATIONS);
    fromAppealed.add(CANCELLED);
    table.put(APPEALED, fromAppealed);
    table.put(DETERMINATION_COMMUNICATED, EnumSet.of(APPEALED, EXPIRED));
    table.put(CANCELLED, EnumSet.noneOf(PriorAuthStatus.class));
    table.put(EXPIRED, EnumSet.noneOf(PriorAuthStatus.class));
    return new TransitionTable(table);
  }

  /** This table with more legal transitions ({@code from} null for start). */
  public TransitionTable adding(Map<PriorAuthStatus, Set<PriorAuthStatus>> additions) {
    Map<PriorAuthStatus, Set<PriorAuthStatus>> table = new HashMap<>();
    legal.forEach((from, to) -> table.put(from, EnumSet.copyOf(nonEmpty(to))));
    additions.forEach(
        (from, to) ->
            table.computeIfAbsent(from, f -> EnumSet.noneOf(PriorAuthStatus.class)).addAll(to));
    return new TransitionTable(table);
  }

  /** Whether {@code to} may follow {@code from} (null: no earlier lifecycle event). */
  public boolean isLegal(PriorAuthStatus from, PriorAuthStatus to) {
    return legal.getOrDefault(from, Set.of()).contains(to);
  }

  public Set<PriorAuthStatus> successors(PriorAuthStatus from) {
    return Collections.unmodifiableSet(legal.getOrDefault(from, Set.of()));
  }

  private static Set<PriorAuthStatus> nonEmpty(Set<PriorAuthStatus> set) {
    return set.isEmpty() ? EnumSet.noneOf(PriorAuthStatus.class) : set;
  }
}
