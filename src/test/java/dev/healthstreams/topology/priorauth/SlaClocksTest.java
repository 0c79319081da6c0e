package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.ADDITIONAL_INFO_REQUIRED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPEALED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.CANCELLED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.DENIED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.EXPIRED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.PENDED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default rules: determination 7 days (72 hours urgent), additional-info 14 days. */
class SlaClocksTest {
  private static final long H = Duration.ofHours(1).toMillis();
  private static final long D = Duration.ofDays(1).toMillis();
  private final SlaClocks sla = new SlaClocks(SlaRule.defaults());
  private final List<Clock> clocks = new ArrayList<>();

  @Test
  void shouldStartTheDeterminationClockOnSubmissionWithTheStandardTimeframe() {
    sla.enter(clocks, SUBMITTED, 10 * H, false);

    assertEquals(List.of(new Clock("determination", 1, 10 * H, 10 * H + 7 * D, 0, null)), clocks);
  }

  @Test
  void shouldGiveAnUrgentPaTheExpeditedTimeframe() {
    sla.enter(clocks, SUBMITTED, 0, true);

    assertEquals(72 * H, clocks.get(0).deadline());
  }

  @Test
  void shouldNotRestartARunningClock() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, PENDED, H, false);
    sla.enter(clocks, SUBMITTED, 2 * H, false);

    assertEquals(1, clocks.size());
    assertEquals(0, clocks.get(0).startedAt());
  }

  @Test
  void shouldStopAtAnUntilStatusAndStartTheNextRunWithTheNextOrdinal() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, DENIED, D, false);
    sla.enter(clocks, APPEALED, 2 * D, false);

    assertEquals(D, clocks.get(0).stoppedAt());
    assertEquals(new Clock("determination", 2, 2 * D, 9 * D, 0, null), clocks.get(1));
  }

  @Test
  void shouldRunTheAdditionalInfoClockUntilResubmissionWhileDeterminationKeepsRunning() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, ADDITIONAL_INFO_REQUIRED, D, false);
    sla.enter(clocks, SUBMITTED, 3 * D, false);

    assertEquals(2, clocks.size());
    assertTrue(clocks.get(0).isRunning(), "determination keeps running");
    assertEquals(new Clock("additional-info", 1, D, 15 * D, 0, 3 * D), clocks.get(1));
  }

  @Test
  void shouldStopEveryClockOnAFinalStatus() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, ADDITIONAL_INFO_REQUIRED, D, false);
    sla.enter(clocks, EXPIRED, 2 * D, false);

    assertEquals(2 * D, clocks.get(0).stoppedAt());
    assertEquals(2 * D, clocks.get(1).stoppedAt());
  }

  @Test
  void shouldStopAtCancellation() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, CANCELLED, H, false);

    assertFalse(clocks.get(0).isRunning());
  }

  @Test
  void shouldExtendRunningClocksUpToTheMaximumInTotal() {
    sla.enter(clocks, SUBMITTED, 0, false);

    assertFalse(sla.extend(clocks, 10 * D));
    assertTrue(sla.extend(clocks, 10 * D), "only 4 more days fit under max-extension P14D");

    assertEquals(7 * D + 14 * D, clocks.get(0).deadline());
    assertEquals(14 * D, clocks.get(0).extendedMs());
    assertTrue(sla.extend(clocks, D));
    assertEquals(21 * D, clocks.get(0).deadline());
  }

  @Test
  void shouldNotExtendAStoppedClock() {
    sla.enter(clocks, SUBMITTED, 0, false);
    sla.enter(clocks, APPROVED, D, false);

    sla.extend(clocks, 3 * D);

    assertEquals(7 * D, clocks.get(0).deadline());
  }
}
