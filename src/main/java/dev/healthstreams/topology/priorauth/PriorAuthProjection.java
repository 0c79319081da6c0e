package dev.healthstreams.topology.priorauth;

import dev.healthstreams.topology.priorauth.Clock.ClockId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PA state machine: applies one event to a PA's state and says what changed (a duplicate, an
 * anomaly, a new view, SLA resolutions), and writes breaches when the wall clock passes a running
 * clock's deadline. Deterministic: the same events in the same order give the same outputs.
 */
public final class PriorAuthProjection {
  private final TransitionTable transitions;
  private final IllegalTransitions policy;
  private final SlaClocks sla;
  private final int historyLimit;

  public PriorAuthProjection(
      TransitionTable transitions, IllegalTransitions policy, SlaClocks sla, int historyLimit) {
    if (historyLimit < 1) {
      throw new IllegalArgumentException("history-limit must be at least 1");
    }
    this.transitions = transitions;
    this.policy = policy;
    this.sla = sla;
    this.historyLimit = historyLimit;
  }

  /** What an event did. */
  public enum Kind {
    APPLIED,
    /** Its event id is in the history already: nothing changed. */
    DUPLICATE,
    /**
     * Ordered before every kept entry of a PA whose older entries were dropped: its place in the
     * history is gone, so it is ignored (and counted).
     */
    BEYOND_HISTORY
  }

  /** An illegal transition: the event, its predecessor's status (null: start) and its own. */
  public record Anomaly(
      String priorAuthId,
      String eventId,
      PriorAuthStatus from,
      PriorAuthStatus to,
      boolean rejected) {}

  /** A breach or resolution to write. */
  public record SlaNotice(
      SlaKind kind,
      ClockId clock,
      long startedAt,
      long deadline,
      PriorAuthStatus statusAtDeadline,
      Long stoppedAt,
      Long overdueByMs) {}

  public enum SlaKind {
    BREACHED,
    RESOLVED
  }

  /**
   * @param state after the event (the same as before for a duplicate)
   * @param replay the state's replay, null for a duplicate or an event beyond the history
   * @param anomaly null when the transition was legal (or was no transition)
   * @param extensionCapped a TIMEFRAME_EXTENDED event that max-extension cut short
   */
  public record Outcome(
      Kind kind,
      PriorAuthState state,
      Replay replay,
      Anomaly anomaly,
      List<SlaNotice> notices,
      boolean extensionCapped) {
    public boolean changed() {
      return kind == Kind.APPLIED;
    }
  }

  /** Applies {@code event} to {@code before} (null: the PA's first event). */
  public Outcome apply(PriorAuthState before, StatusEvent event) {
    return apply(before, before == null ? null : replay(before), event);
  }

  /**
   * Applies {@code event} to {@code before}, whose {@link #replay} the caller has at hand. An event
   * ordered after every kept one (the common case) is folded onto that replay; only one that lands
   * among them replays the kept history.
   *
   * @param beforeReplay {@code replay(before)}, not changed; null when {@code before} is null
   */
  public Outcome apply(PriorAuthState before, Replay beforeReplay, StatusEvent event) {
    List<HistoryEntry> history = before == null ? List.of() : before.history();
    for (HistoryEntry entry : history) {
      if (entry.eventId().equals(event.eventId())) {
        return new Outcome(Kind.DUPLICATE, before, null, null, List.of(), false);
      }
    }
    HistoryEntry probe = event.entry(false);
    if (before != null
        && before.historyDropped() > 0
        && !history.isEmpty()
        && probe.isBefore(history.get(0))) {
      return new Outcome(Kind.BEYOND_HISTORY, before, null, null, List.of(), false);
    }
    int position = 0;
    while (position < history.size() && !probe.isBefore(history.get(position))) {
      position++;
    }
    Anomaly anomaly = judge(before, history, position, event);
    HistoryEntry entry = event.entry(anomaly != null && anomaly.rejected());
    List<HistoryEntry> entries = new ArrayList<>(history);
    entries.add(position, entry);
    boolean latest = position == history.size();

    PriorAuthParties parties = before == null ? PriorAuthParties.NONE : before.parties();
    boolean urgent = before != null && before.urgent();
    if (!entry.rejected()) {
      parties = latest ? event.parties().orElse(parties) : parties.orElse(event.parties());
      urgent = latest ? event.urgent() : urgent;
    }
    String correlationId =
        event.correlationId() != null || before == null
            ? event.correlationId()
            : before.correlationId();
    long firstSeenAt =
        before == null
            ? event.statusTimestamp()
            : Math.min(before.firstSeenAt(), event.statusTimestamp());
    long lastUpdatedAt =
        before == null
            ? event.statusTimestamp()
            : Math.max(before.lastUpdatedAt(), event.statusTimestamp());

    Replay base = before == null || before.base() == null ? null : before.base().copy();
    int dropped = before == null ? 0 : before.historyDropped();
    boolean capped = false;
    while (entries.size() > historyLimit) {
      base = base == null ? new Replay() : base;
      HistoryEntry oldest = entries.remove(0);
      capped |= base.step(oldest, sla) && oldest == entry;
      dropped++;
    }
    Replay replay;
    if (latest && beforeReplay != null && entries.get(entries.size() - 1) == entry) {
      // The fold of the same ordered entries, whichever of them went into the base.
      replay = beforeReplay.copy();
      capped |= replay.step(entry, sla);
    } else {
      replay = base == null ? new Replay() : base.copy();
      for (HistoryEntry kept : entries) {
        capped |= replay.step(kept, sla) && kept == entry;
      }
    }

    Map<ClockId, Boolean> breaches = new HashMap<>(before == null ? Map.of() : before.breaches());
    List<SlaNotice> notices = resolutions(replay, breaches);
    PriorAuthState after =
        new PriorAuthState(
            event.priorAuthId(),
            parties,
            urgent,
            correlationId,
            firstSeenAt,
            lastUpdatedAt,
            entries,
            dropped,
            base,
            breaches);
    return new Outcome(Kind.APPLIED, after, replay, anomaly, notices, capped);
  }

  /**
   * Breaches of the clocks that run past their deadline at {@code now} and have none written yet;
   * kind {@link Kind#DUPLICATE} (nothing changed) when there are none. A deadline is passed only
   * after its instant: a decision stamped at the deadline itself is on time, and a backtest, which
   * sets the wall clock to each event's time before feeding it, must not breach the clock first.
   */
  public Outcome breaches(PriorAuthState state, long now) {
    Replay replay = replay(state);
    Map<ClockId, Boolean> breaches = new HashMap<>(state.breaches());
    List<SlaNotice> notices = new ArrayList<>();
    for (Clock clock : replay.clocks()) {
      if (clock.isRunning() && clock.deadline() < now && !breaches.containsKey(clock.id())) {
        breaches.put(clock.id(), false);
        notices.add(
            new SlaNotice(
                SlaKind.BREACHED,
                clock.id(),
                clock.startedAt(),
                clock.deadline(),
                state.statusAt(clock.deadline()),
                null,
                null));
      }
    }
    if (notices.isEmpty()) {
      return new Outcome(Kind.DUPLICATE, state, replay, null, List.of(), false);
    }
    PriorAuthState after =
        new PriorAuthState(
            state.priorAuthId(),
            state.parties(),
            state.urgent(),
            state.correlationId(),
            state.firstSeenAt(),
            state.lastUpdatedAt(),
            state.history(),
            state.historyDropped(),
            state.base(),
            breaches);
    return new Outcome(Kind.APPLIED, after, replay, null, notices, false);
  }

  /** The state's kept history replayed from its base. */
  public Replay replay(PriorAuthState state) {
    Replay replay = state.base() == null ? new Replay() : state.base().copy();
    for (HistoryEntry entry : state.history()) {
      replay.step(entry, sla);
    }
    return replay;
  }

  private Anomaly judge(
      PriorAuthState before, List<HistoryEntry> history, int position, StatusEvent event) {
    if (!event.status().isLifecycle()) {
      return null; // an extension is no transition
    }
    PriorAuthStatus predecessor =
        before == null || before.base() == null ? null : before.base().status();
    for (int i = position - 1; i >= 0; i--) {
      if (history.get(i).movesStatus()) {
        predecessor = history.get(i).status();
        break;
      }
    }
    if (transitions.isLegal(predecessor, event.status())) {
      return null;
    }
    return new Anomaly(
        event.priorAuthId(),
        event.eventId(),
        predecessor,
        event.status(),
        policy == IllegalTransitions.REJECT);
  }

  // A breached clock that has stopped is resolved, once.
  private static List<SlaNotice> resolutions(Replay replay, Map<ClockId, Boolean> breaches) {
    List<SlaNotice> notices = new ArrayList<>();
    for (Clock clock : replay.clocks()) {
      if (!clock.isRunning() && Boolean.FALSE.equals(breaches.get(clock.id()))) {
        breaches.put(clock.id(), true);
        notices.add(
            new SlaNotice(
                SlaKind.RESOLVED,
                clock.id(),
                clock.startedAt(),
                clock.deadline(),
                null,
                clock.stoppedAt(),
                clock.stoppedAt() - clock.deadline()));
      }
    }
    return notices;
  }
}
