package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPEALED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DENIED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.INITIATED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.PENDED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.TIMEFRAME_EXTENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.priorauth.PriorAuthProjection.Kind;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaKind;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaNotice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorAuthProjectionTest {
  private static final long H = Duration.ofHours(1).toMillis();
  private static final long D = Duration.ofDays(1).toMillis();
  private static final PriorAuthParties PARTIES =
      new PriorAuthParties("payer-a", "patient-1", "provider-1", "rx-1", "rxnorm", "123", "drug");

  private final PriorAuthProjection apply =
      projection(IllegalTransitions.APPLY, PriorAuthSettings.DEFAULT_HISTORY_LIMIT);

  private static PriorAuthProjection projection(IllegalTransitions policy, int historyLimit) {
    return new PriorAuthProjection(
        TransitionTable.defaults(), policy, new SlaClocks(SlaRule.defaults()), historyLimit);
  }

  private static StatusEvent ev(String id, PriorAuthStatus status, long at) {
    return new StatusEvent("pa-1", id, status, at, null, PARTIES, false, null, "c-" + id);
  }

  private static StatusEvent extension(String id, long at, long ms) {
    return new StatusEvent("pa-1", id, TIMEFRAME_EXTENDED, at, null, PARTIES, false, ms, null);
  }

  private PriorAuthState run(PriorAuthProjection projection, StatusEvent... events) {
    PriorAuthState state = null;
    for (StatusEvent event : events) {
      state = projection.apply(state, event).state();
    }
    return state;
  }

  private static List<String> history(PriorAuthState state) {
    return state.history().stream().map(e -> e.eventId() + (e.rejected() ? "!" : "")).toList();
  }

  @Test
  void shouldIgnoreADuplicateEventId() {
    PriorAuthState state = run(apply, ev("e1", SUBMITTED, 0), ev("e2", PENDED, H));

    Outcome again = apply.apply(state, ev("e1", SUBMITTED, 0));

    assertEquals(Kind.DUPLICATE, again.kind());
    assertEquals(state, again.state());
  }

  @Test
  void shouldPutALateEventInItsPlaceWithoutMovingTheStatus() {
    PriorAuthState state = run(apply, ev("e2", SUBMITTED, 2 * H), ev("e3", APPROVED, 5 * H));

    Outcome late = apply.apply(state, ev("e1", INITIATED, 0));

    assertNull(late.anomaly(), "start -> INITIATED is legal");
    assertEquals(List.of("e1", "e2", "e3"), history(late.state()));
    assertEquals(APPROVED, late.replay().status());
    assertEquals(
        Map.of(INITIATED, 2 * H, SUBMITTED, 3 * H), late.replay().timeInStatusMs(), "gaps");
    assertEquals(0, late.state().firstSeenAt());
    assertEquals(5 * H, late.state().lastUpdatedAt());
  }

  @Test
  void shouldJudgeALateEventAgainstItsPredecessorOnly() {
    // SUBMITTED@0, APPROVED@5h; a PENDED stamped 1h arrives late: SUBMITTED -> PENDED is legal,
    // and the later PENDED -> APPROVED is not judged again.
    PriorAuthState state = run(apply, ev("e1", SUBMITTED, 0), ev("e3", APPROVED, 5 * H));

    Outcome late = apply.apply(state, ev("e2", PENDED, H));

    assertNull(late.anomaly());
    Outcome illegal = apply.apply(late.state(), ev("e4", INITIATED, 2 * H));
    assertEquals(PENDED, illegal.anomaly().from());
    assertEquals(INITIATED, illegal.anomaly().to());
  }

  @Test
  void shouldReportAFirstEventThatIsNoStartAsFromNull() {
    Outcome outcome = apply.apply(null, ev("e1", APPROVED, 0));

    assertNull(outcome.anomaly().from());
    assertFalse(outcome.anomaly().rejected());
    assertEquals(APPROVED, outcome.replay().status(), "apply: applied all the same");
  }

  @Test
  void shouldKeepARejectedEventInTheHistoryAndIgnoreIt() {
    PriorAuthProjection reject = projection(IllegalTransitions.REJECT, 50);
    PriorAuthState state = run(reject, ev("e1", SUBMITTED, 0));

    Outcome outcome = reject.apply(state, ev("e2", APPEALED, H));

    assertTrue(outcome.anomaly().rejected());
    assertEquals(List.of("e1", "e2!"), history(outcome.state()));
    assertEquals(SUBMITTED, outcome.replay().status());
    assertEquals(1, outcome.replay().clocks().size(), "no appeal clock from a rejected event");
  }

  @Test
  void shouldDropTheOldestEntriesPastTheLimitAndReplayTheSameFromTheBase() {
    PriorAuthProjection limited = projection(IllegalTransitions.APPLY, 2);
    StatusEvent[] events = {
      ev("e1", SUBMITTED, 0),
      ev("e2", PENDED, H),
      extension("e3", 2 * H, 2 * D),
      ev("e4", DENIED, 3 * H),
      ev("e5", APPEALED, 4 * H),
    };
    PriorAuthState limitedState = run(limited, events);
    PriorAuthState fullState = run(apply, events);

    assertEquals(List.of("e4", "e5"), history(limitedState));
    assertEquals(3, limitedState.historyDropped());
    Replay limitedReplay = limited.replay(limitedState);
    Replay fullReplay = apply.replay(fullState);
    assertEquals(fullReplay.clocks(), limitedReplay.clocks());
    assertEquals(fullReplay.timeInStatusMs(), limitedReplay.timeInStatusMs());
    assertEquals(APPEALED, limitedReplay.status());
    assertEquals(DENIED, limitedReplay.determination());
    assertEquals(0L, limitedReplay.firstSubmittedAt());
    assertEquals(3 * H, limitedReplay.firstDeterminationAt());
  }

  @Test
  void shouldIgnoreAnEventOlderThanEveryKeptEntryOnceEntriesWereDropped() {
    PriorAuthProjection limited = projection(IllegalTransitions.APPLY, 2);
    PriorAuthState state =
        run(limited, ev("e1", SUBMITTED, H), ev("e2", PENDED, 2 * H), ev("e3", DENIED, 3 * H));

    Outcome outcome = limited.apply(state, ev("e0", INITIATED, 0));

    assertEquals(Kind.BEYOND_HISTORY, outcome.kind());
  }

  @Test
  void shouldBreachARunningClockOncePastItsDeadline() {
    PriorAuthState state = run(apply, ev("e1", SUBMITTED, 0), ev("e2", PENDED, H));

    assertFalse(apply.breaches(state, 7 * D).changed(), "not at the deadline itself");
    Outcome breach = apply.breaches(state, 7 * D + 1);

    assertEquals(1, breach.notices().size());
    SlaNotice notice = breach.notices().get(0);
    assertEquals(SlaKind.BREACHED, notice.kind());
    assertEquals(7 * D, notice.deadline());
    assertEquals(PENDED, notice.statusAtDeadline());
    assertFalse(apply.breaches(breach.state(), 8 * D).changed(), "never two for one clock");
  }

  @Test
  void shouldResolveABreachedClockWhenItStopsWithHowLateItWas() {
    PriorAuthState breached = apply.breaches(run(apply, ev("e1", SUBMITTED, 0)), 7 * D + 1).state();

    Outcome stop = apply.apply(breached, ev("e2", APPROVED, 7 * D + 2 * H));

    SlaNotice resolved = stop.notices().get(0);
    assertEquals(SlaKind.RESOLVED, resolved.kind());
    assertEquals(7 * D + 2 * H, resolved.stoppedAt());
    assertEquals(2 * H, resolved.overdueByMs());
    assertEquals(Boolean.TRUE, stop.state().breaches().values().iterator().next());
    assertEquals(
        List.of(), apply.apply(stop.state(), ev("e3", PriorAuthStatus.EXPIRED, 8 * D)).notices());
  }

  @Test
  void shouldResolveWithANegativeOverdueWhenTheStopWasStampedInTimeButArrivedLate() {
    PriorAuthState breached = apply.breaches(run(apply, ev("e1", SUBMITTED, 0)), 7 * D + H).state();

    Outcome stop = apply.apply(breached, ev("e2", DENIED, 6 * D));

    assertEquals(-D, stop.notices().get(0).overdueByMs());
  }

  @Test
  void shouldMoveTheDeadlineByAnExtensionAndCountACappedOne() {
    PriorAuthState state = run(apply, ev("e1", SUBMITTED, 0));

    Outcome extended = apply.apply(state, extension("e2", H, 20 * D));

    assertTrue(extended.extensionCapped());
    assertEquals(21 * D, extended.replay().clocks().get(0).deadline());
    assertEquals(SUBMITTED, extended.replay().status(), "an extension is no status");
    assertTrue(extended.replay().extended());
  }

  @Test
  void shouldTakePartiesFromTheLatestEventAndFillGapsFromLateOnes() {
    PriorAuthParties other = new PriorAuthParties("payer-b", null, null, null, null, null, null);
    PriorAuthState state =
        run(
            apply,
            new StatusEvent("pa-1", "e2", SUBMITTED, H, null, other, true, null, null),
            ev("e1", INITIATED, 0));

    assertEquals("payer-b", state.parties().payerId());
    assertEquals("patient-1", state.parties().patientId());
    assertTrue(state.urgent(), "a late event leaves urgency as the latest one says");
  }
}
