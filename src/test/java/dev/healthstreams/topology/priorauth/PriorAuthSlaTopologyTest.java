package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PaEvents.DAY;
import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.T0;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthSlaKind;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SLA clocks through the topology with the driver's wall clock, which starts at {@link
 * PaEvents#T0}: events are stamped from T0 on, as if they happened live.
 */
class PriorAuthSlaTopologyTest {
  @RegisterExtension static final TopologyKitExtension kit = PriorAuthDriver.extension();

  private PriorAuthDriver pa;

  @BeforeEach
  void start() {
    pa = new PriorAuthDriver(kit.kit());
  }

  private static PriorAuthClock clock(PriorAuthView view, String slaId) {
    return view.getClocks().stream()
        .filter(c -> c.getSlaId().equals(slaId))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void shouldWriteOneBreachWhenTheWallClockPassesTheDeadline() {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0), event("pa-1", "e2", "PENDED", HOUR));

    kit.advanceWallClock(Duration.ofDays(7).minusMinutes(1));
    assertEquals(List.of(), pa.slaEvents());
    kit.advanceWallClock(Duration.ofMinutes(1));
    assertEquals(List.of(), pa.slaEvents(), "not at the deadline itself: a stop now is in time");
    kit.advanceWallClock(Duration.ofMinutes(1));
    kit.advanceWallClock(Duration.ofDays(1));

    List<PriorAuthSlaEvent> events = pa.slaEvents();
    assertEquals(1, events.size(), "never two for one clock");
    PriorAuthSlaEvent breach = events.get(0);
    assertEquals(PriorAuthSlaKind.BREACHED, breach.getKind());
    assertEquals("pa-1", breach.getPriorAuthId());
    assertEquals("determination", breach.getSlaId());
    assertEquals(T0.toEpochMilli(), breach.getStartedAt());
    assertEquals(T0.toEpochMilli() + 7 * DAY, breach.getDeadline());
    assertEquals("PENDED", breach.getStatusAtDeadline());
    assertEquals("payer-a", breach.getPayerId());
    assertEquals(false, breach.getUrgent());
    assertEquals("BREACHED", clock(pa.view("pa-1"), "determination").getState());
    assertEquals("BREACHED", clock(pa.latestViews().get("pa-1"), "determination").getState());
  }

  /** As a backtest feeds it: the wall clock set to the decision's time, the deadline itself. */
  @Test
  void shouldMeetAClockStoppedAtItsDeadline() {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0));

    kit.advanceWallClock(Duration.ofDays(7));
    pa.pipe(event("pa-1", "e2", "APPROVED", 7 * DAY));
    kit.advanceWallClock(Duration.ofDays(1));

    assertEquals(List.of(), pa.slaEvents());
    assertEquals("MET", clock(pa.view("pa-1"), "determination").getState());
  }

  @Test
  void shouldBreachAnUrgentPaAfter72Hours() {
    pa.pipe(PaEvents.of("pa-1", "e1", "SUBMITTED", 0).urgent().build());

    kit.advanceWallClock(Duration.ofHours(72).plusMinutes(1));

    PriorAuthSlaEvent breach = pa.slaEvents().get(0);
    assertEquals(T0.toEpochMilli() + 72 * HOUR, breach.getDeadline());
    assertEquals(true, breach.getUrgent());
  }

  @Test
  void shouldNotBreachAClockThatStoppedInTime() {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0), event("pa-1", "e2", "APPROVED", 2 * DAY));

    kit.advanceWallClock(Duration.ofDays(30));

    assertEquals(List.of(), pa.slaEvents());
    PriorAuthClock clock = clock(pa.view("pa-1"), "determination");
    assertEquals("MET", clock.getState());
    assertEquals(T0.toEpochMilli() + 2 * DAY, clock.getStoppedAt());
  }

  @Test
  void shouldMoveTheDeadlineByAnExtension() {
    pa.pipe(
        event("pa-1", "e1", "SUBMITTED", 0),
        PaEvents.of("pa-1", "e2", "TIMEFRAME_EXTENDED", DAY).extension("P3D").build());

    kit.advanceWallClock(Duration.ofDays(10));
    assertEquals(List.of(), pa.slaEvents());
    kit.advanceWallClock(Duration.ofMinutes(1));

    PriorAuthSlaEvent breach = pa.slaEvents().get(0);
    assertEquals(T0.toEpochMilli() + 10 * DAY, breach.getDeadline());
    PriorAuthView view = pa.view("pa-1");
    assertEquals("SUBMITTED", view.getStatus(), "an extension leaves the status alone");
    assertEquals(3 * DAY, clock(view, "determination").getExtendedMs());
  }

  @Test
  void shouldReadAnExtensionInWeeksOrMonthsAsPayersSendThem() {
    // T0 is 1 January 2024: a month granted on 31 January runs to 29 February, 29 days.
    long january31 = 30 * DAY;
    pa.pipe(
        event("pa-1", "e1", "SUBMITTED", 0),
        PaEvents.of("pa-1", "e2", "TIMEFRAME_EXTENDED", DAY).extension("P1W").build(),
        event("pa-2", "f1", "SUBMITTED", january31 - DAY),
        PaEvents.of("pa-2", "f2", "TIMEFRAME_EXTENDED", january31).extension("P1M").build());

    assertEquals(7 * DAY, clock(pa.view("pa-1"), "determination").getExtendedMs());
    PriorAuthClock capped = clock(pa.view("pa-2"), "determination");
    assertEquals(14 * DAY, capped.getExtendedMs(), "29 days, capped at the default P14D");
    assertEquals(1.0, kit.count(PriorAuthProcessor.METRIC, "outcome", "extension-capped"));
    assertEquals(List.of(), kit.kit().deadLetters().readRecordsToList());
  }

  @Test
  void shouldCapAnExtensionAtMaxExtensionAndCountIt() {
    pa.pipe(
        event("pa-1", "e1", "SUBMITTED", 0),
        PaEvents.of("pa-1", "e2", "TIMEFRAME_EXTENDED", DAY).extension("P30D").build());

    assertEquals(
        T0.toEpochMilli() + 21 * DAY, clock(pa.view("pa-1"), "determination").getDeadline());
    assertEquals(1.0, kit.count(PriorAuthProcessor.METRIC, "outcome", "extension-capped"));
  }

  @Test
  void shouldResolveABreachWhenTheClockStopsLate() {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0));
    kit.advanceWallClock(Duration.ofDays(7).plusMinutes(1));
    assertEquals(PriorAuthSlaKind.BREACHED, pa.slaEvents().get(0).getKind());

    kit.advanceWallClock(Duration.ofHours(2));
    pa.pipe(event("pa-1", "e2", "APPROVED", 7 * DAY + 2 * HOUR));

    List<PriorAuthSlaEvent> events = pa.slaEvents();
    assertEquals(1, events.size());
    PriorAuthSlaEvent resolved = events.get(0);
    assertEquals(PriorAuthSlaKind.RESOLVED, resolved.getKind());
    assertEquals(T0.toEpochMilli() + 7 * DAY + 2 * HOUR, resolved.getStoppedAt());
    assertEquals(2 * HOUR, resolved.getOverdueByMs());
    assertEquals("RESOLVED_LATE", clock(pa.view("pa-1"), "determination").getState());
    pa.pipe(event("pa-1", "e3", "DETERMINATION_COMMUNICATED", 8 * DAY));
    assertEquals(List.of(), pa.slaEvents(), "one resolution per clock");
  }

  @Test
  void shouldResolveWithANegativeOverdueAStopStampedInTimeThatArrivedLate() {
    pa.pipe(event("pa-1", "e1", "SUBMITTED", 0));
    kit.advanceWallClock(Duration.ofDays(8));
    pa.slaEvents();

    pa.pipe(event("pa-1", "e2", "DENIED", 6 * DAY));

    PriorAuthSlaEvent resolved = pa.slaEvents().get(0);
    assertEquals(PriorAuthSlaKind.RESOLVED, resolved.getKind());
    assertEquals(-DAY, resolved.getOverdueByMs());
    assertEquals("RESOLVED_LATE", clock(pa.view("pa-1"), "determination").getState());
  }

  @Test
  void shouldRunTheAdditionalInfoClockBesideTheDeterminationOne() {
    pa.pipe(
        PaEvents.of("pa-1", "e1", "SUBMITTED", 0).urgent().build(),
        PaEvents.of("pa-1", "e2", "ADDITIONAL_INFO_REQUIRED", HOUR).urgent().build(),
        PaEvents.of("pa-1", "e3", "SUBMITTED", 2 * DAY).urgent().build(),
        PaEvents.of("pa-1", "e4", "APPROVED", 2 * DAY + HOUR).urgent().build());

    kit.advanceWallClock(Duration.ofDays(20));

    assertEquals(List.of(), pa.slaEvents());
    PriorAuthView view = pa.view("pa-1");
    assertEquals("MET", clock(view, "additional-info").getState());
    assertEquals("MET", clock(view, "determination").getState());
  }

  @Test
  void shouldStartAnAppealClockAfterADenial() {
    pa.pipe(
        event("pa-1", "e1", "SUBMITTED", 0),
        event("pa-1", "e2", "DENIED", DAY),
        event("pa-1", "e3", "APPEALED", 2 * DAY));

    kit.advanceWallClock(Duration.ofDays(9).plusMinutes(1));

    PriorAuthSlaEvent breach = pa.slaEvents().get(0);
    assertEquals(2, breach.getOrdinal());
    assertEquals(T0.toEpochMilli() + 2 * DAY, breach.getStartedAt());
    assertEquals("APPEALED", breach.getStatusAtDeadline());
  }

  @Test
  void shouldDeleteAndTombstoneAViewPastRetention() {
    PriorAuthDriver short_ =
        new PriorAuthDriver(kit.start(PriorAuthDriver.yaml("retention-after-last-change: P30D")));
    short_.pipe(event("pa-1", "e1", "SUBMITTED", 0), event("pa-1", "e2", "APPROVED", DAY));
    short_.pipe(event("pa-2", "e3", "SUBMITTED", 10 * DAY));
    short_.views.readKeyValuesToList();
    short_.stats.readKeyValuesToList();

    kit.advanceWallClock(Duration.ofDays(31).plusMinutes(1));
    short_.publishStats();

    var written = short_.latestViews();
    assertTrue(written.containsKey("pa-1"));
    assertNull(written.get("pa-1"), "a tombstone");
    assertNull(short_.view("pa-1"));
    assertTrue(short_.view("pa-2") != null, "changed 10 days later: kept");
    assertEquals(
        List.of(),
        short_.storeKeys(PriorAuthIndexes.STORE).stream().filter(k -> k.endsWith("pa-1")).toList());
    assertEquals(1L, short_.storedStats("payer-a|standard").getPriorAuths());
  }

  @Test
  void shouldKeepAViewChangedAfterItWasFirstSeenUntilItsOwnRetentionTime() {
    PriorAuthDriver short_ =
        new PriorAuthDriver(kit.start(PriorAuthDriver.yaml("retention-after-last-change: P30D")));
    // Last changed on day 5: due on day 35, although its retention check was set for day 30.
    short_.pipe(event("pa-1", "e1", "SUBMITTED", 0), event("pa-1", "e2", "APPROVED", 5 * DAY));
    short_.views.readKeyValuesToList();

    kit.advanceWallClock(Duration.ofDays(35));

    assertTrue(short_.view("pa-1") != null, "not past day 35");
    assertEquals(List.of(), short_.views.readKeyValuesToList(), "nothing written");

    kit.advanceWallClock(Duration.ofMinutes(1));

    assertNull(short_.view("pa-1"));
    assertNull(short_.latestViews().get("pa-1"), "a tombstone");
    assertEquals(
        List.of(),
        short_.storeKeys(PriorAuthIndexes.STORE).stream().filter(k -> k.endsWith("pa-1")).toList());
  }
}
