package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.TIMEFRAME_EXTENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.avro.PriorAuthStatsDelta;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the PA processor sends for a change and for an expiry, without Kafka: the view first, and
 * the statistics delta under the payer-and-urgency key the PA counts in, taken back where it was
 * counted when that key changes.
 */
class PriorAuthSendsTest {
  private static final long H = Duration.ofHours(1).toMillis();

  private record Sent(String key, PriorAuthOutput output, long time) {}

  private final List<Sent> sent = new ArrayList<>();
  private final PriorAuthSends sends =
      new PriorAuthSends(
          (key, output, time) -> sent.add(new Sent(key, output, time)),
          new PriorAuthRecords("prior-auth-projection"));
  private final PriorAuthProjection projection = PriorAuthSettings.defaults().projection();

  private static StatusEvent event(String id, PriorAuthStatus status, long at, boolean urgent) {
    PriorAuthParties parties =
        new PriorAuthParties("payer-a", "patient-1", "provider-1", "rx-1", "rxnorm", "1", "drug");
    return new StatusEvent("pa-1", id, status, at, null, parties, urgent, null, "c-" + id);
  }

  private List<Sent> stats() {
    return sent.stream().filter(s -> s.output() instanceof StatsOut).toList();
  }

  private static PriorAuthStatsDelta delta(Sent s) {
    return ((StatsOut) s.output()).delta();
  }

  private void change(PriorAuthState before, Outcome outcome, long time) {
    Replay beforeReplay = before == null ? null : projection.replay(before);
    sends.change(
        PriorAuthViews.toView(outcome.state(), outcome.replay()),
        outcome,
        before,
        beforeReplay,
        "cause",
        time);
  }

  @Test
  void shouldAddANewPaToItsPayersFiguresOnce() {
    Outcome submitted = projection.apply(null, event("e1", SUBMITTED, 0, false));

    change(null, submitted, 0);

    assertEquals("pa-1", sent.get(0).key());
    assertEquals(ViewOut.class, sent.get(0).output().getClass());
    assertEquals(1, stats().size());
    assertEquals("payer-a|standard", stats().get(0).key());
    assertNull(delta(stats().get(0)).getRemove());
    assertEquals("SUBMITTED", delta(stats().get(0)).getAdd().getStatus());
  }

  @Test
  void shouldMoveTheContributionWithinOneKeyAsOneDelta() {
    PriorAuthState submitted = projection.apply(null, event("e1", SUBMITTED, 0, false)).state();
    Outcome approved = projection.apply(submitted, event("e2", APPROVED, 2 * H, false));

    change(submitted, approved, 2 * H);

    assertEquals(1, stats().size());
    PriorAuthStatsDelta delta = delta(stats().get(0));
    assertEquals("SUBMITTED", delta.getRemove().getStatus());
    assertEquals("APPROVED", delta.getAdd().getStatus());
    assertEquals("APPROVED", delta.getAdd().getDecidedAs());
  }

  @Test
  void shouldTakeTheContributionBackWhereItWasCountedWhenTheKeyChanges() {
    PriorAuthState standard = projection.apply(null, event("e1", SUBMITTED, 0, false)).state();
    Outcome urgent = projection.apply(standard, event("e2", APPROVED, H, true));

    change(standard, urgent, H);

    // Urgency follows the latest event: the PA leaves the standard figures for the urgent ones.
    assertEquals(
        List.of("payer-a|standard", "payer-a|urgent"), stats().stream().map(Sent::key).toList());
    assertEquals("SUBMITTED", delta(stats().get(0)).getRemove().getStatus());
    assertNull(delta(stats().get(0)).getAdd());
    assertNull(delta(stats().get(1)).getRemove());
    assertEquals("APPROVED", delta(stats().get(1)).getAdd().getStatus());
  }

  @Test
  void shouldSendNoDeltaForAChangeThatMovesNoFigure() {
    PriorAuthState submitted = projection.apply(null, event("e1", SUBMITTED, 0, false)).state();
    // An extension before any determination: the view changes, no figure does.
    StatusEvent extension =
        new StatusEvent(
            "pa-1",
            "e2",
            TIMEFRAME_EXTENDED,
            H,
            null,
            submitted.parties(),
            false,
            7 * 24 * H,
            null);
    Outcome extended = projection.apply(submitted, extension);

    change(submitted, extended, H);

    assertEquals(ViewOut.class, sent.get(0).output().getClass());
    assertEquals(List.of(), stats());
  }

  @Test
  void shouldSendATombstoneAndTakeTheContributionBackOnExpiry() {
    PriorAuthState submitted = projection.apply(null, event("e1", SUBMITTED, 0, false)).state();

    sends.expiry(submitted, projection.replay(submitted), 90 * 24 * H);

    assertEquals(new ViewOut(null), sent.get(0).output());
    assertEquals(1, stats().size());
    assertEquals("payer-a|standard", stats().get(0).key());
    assertEquals("SUBMITTED", delta(stats().get(0)).getRemove().getStatus());
    assertNull(delta(stats().get(0)).getAdd());
    assertEquals(90 * 24 * H, stats().get(0).time());
  }
}
