package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.SimplePriorAuthOracle.DAY;
import static dev.healthstreams.topology.priorauth.SimplePriorAuthOracle.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthSlaKind;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.testkit.TopologyKitExtension;
import dev.healthstreams.topology.priorauth.SimplePriorAuthOracle.ClockOut;
import dev.healthstreams.topology.priorauth.SimplePriorAuthOracle.Ev;
import dev.healthstreams.topology.priorauth.SimplePriorAuthOracle.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of generated workflows (out of order, duplicated, illegal, urgent, extended, appealed)
 * fed as a backtest feeds them: the wall clock advanced to each record's arrival first. Views,
 * anomalies, breaches, resolutions and statistics must equal those of {@link
 * SimplePriorAuthOracle}, which sees the same arrivals.
 */
class PriorAuthGeneratedStreamTest {
  private static final int WORKFLOWS = 1_000;
  private static final Instant START = TopologyKitExtension.DEFAULT_START;

  @RegisterExtension static final TopologyKitExtension kit = PriorAuthDriver.extension();

  /** Legal paths; the generator adds illegal steps, extensions, delays and duplicates. */
  private static final List<List<String>> PATHS =
      List.of(
          List.of("SUBMITTED", "APPROVED"),
          List.of("SUBMITTED", "PENDED", "DENIED", "DETERMINATION_COMMUNICATED"),
          List.of(
              "INITIATED",
              "DOCUMENTATION_REQUESTED",
              "DOCUMENTATION_ASSEMBLED",
              "SUBMITTED",
              "PENDED",
              "DENIED",
              "APPEALED",
              "APPROVED"),
          List.of("SUBMITTED", "ADDITIONAL_INFO_REQUIRED", "SUBMITTED", "MODIFIED"),
          List.of("SUBMITTED", "ADDITIONAL_INFO_REQUIRED", "EXPIRED"),
          List.of("SUBMITTED", "PARTIALLY_APPROVED", "DETERMINATION_COMMUNICATED", "APPEALED"),
          List.of("INITIATED", "CANCELLED"),
          List.of("SUBMITTED"),
          List.of("SUBMITTED", "DENIED", "APPEALED", "DENIED"));

  private record Arrival(long at, Ev event) {}

  @Test
  void shouldMatchTheSimpleModelOnAGeneratedStream() {
    Random random = new Random(20260101L);
    List<Arrival> arrivals = new ArrayList<>();
    for (int w = 0; w < WORKFLOWS; w++) {
      arrivals.addAll(workflow(random, w));
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparing(a -> a.event().id()));

    PriorAuthDriver pa = new PriorAuthDriver(kit.kit());
    SimplePriorAuthOracle oracle = new SimplePriorAuthOracle();
    long wallClock = START.toEpochMilli();
    for (Arrival arrival : arrivals) {
      if (arrival.at() > wallClock) {
        kit.advanceWallClock(Duration.ofMillis(arrival.at() - wallClock));
        wallClock = arrival.at();
        oracle.punctuate(wallClock);
      }
      pa.events.pipeInput(
          new TestRecord<>(
              arrival.event().pa(),
              avro(arrival.event()),
              null,
              Instant.ofEpochMilli(arrival.at())));
      oracle.arrive(arrival.event());
      if (arrival == arrivals.get(arrivals.size() / 2)) {
        assertIndexAsBuiltAgain(); // half-way, with clocks running: deadline keys among them
      }
    }
    kit.advanceWallClock(Duration.ofDays(60));
    oracle.punctuate(wallClock + 60 * DAY);

    assertViews(pa, oracle);
    assertSlaEvents(pa, oracle);
    assertEquals(
        oracle.anomalies,
        new TreeSet<>(
            pa.anomalies().stream()
                .map(
                    a ->
                        a.getPriorAuthId()
                            + ":"
                            + a.getEventId()
                            + ":"
                            + (a.getFromStatus() == null ? "start" : a.getFromStatus())
                            + ">"
                            + a.getToStatus())
                .toList()));
    pa.publishStats();
    assertStats(pa, oracle);
    assertIndexAsBuiltAgain();
  }

  /**
   * The index store as the workflows left it, event by event (half-way and at the end), holds what
   * a task's start builds again from the views (PriorAuthIndexWrites.addAll): the same listed and
   * deadline keys, and one retention key a PA (built again at its current retention time, so
   * compared by PA).
   */
  private static void assertIndexAsBuiltAgain() {
    TreeMap<String, String> incremental = contents(kit.kit().keyValueStore(PriorAuthIndexes.STORE));
    TreeMap<String, String> rebuilt = new TreeMap<>();
    PriorAuthIndexWrites writes =
        new PriorAuthIndexWrites(
            rebuilt::put,
            key -> {
              throw new AssertionError(key);
            },
            PriorAuthSettings.defaults().projection());
    KeyValueStore<String, PriorAuthView> views =
        kit.kit().keyValueStore(PriorAuthProcessor.VIEW_STORE);
    try (KeyValueIterator<String, PriorAuthView> all = views.all()) {
      all.forEachRemaining(
          entry -> writes.addAll(entry.value, PriorAuthSettings.defaults().retention()));
    }
    assertTrue(rebuilt.size() > 2_000, "hundreds of PAs' keys: " + rebuilt.size());
    assertEquals(withoutRetention(rebuilt), withoutRetention(incremental));
    assertEquals(retentionIds(rebuilt), retentionIds(incremental));
  }

  private static TreeMap<String, String> contents(KeyValueStore<String, String> store) {
    TreeMap<String, String> contents = new TreeMap<>();
    try (KeyValueIterator<String, String> all = store.all()) {
      all.forEachRemaining(entry -> contents.put(entry.key, entry.value));
    }
    return contents;
  }

  private static boolean isRetention(String key) {
    return key.startsWith("due") && DueIndex.isRetention(key);
  }

  private static Map<String, String> withoutRetention(TreeMap<String, String> index) {
    Map<String, String> kept = new TreeMap<>(index);
    kept.keySet().removeIf(PriorAuthGeneratedStreamTest::isRetention);
    return kept;
  }

  private static List<String> retentionIds(TreeMap<String, String> index) {
    return index.keySet().stream()
        .filter(PriorAuthGeneratedStreamTest::isRetention)
        .map(DueIndex::priorAuthIdOf)
        .sorted()
        .toList();
  }

  private static List<Arrival> workflow(Random random, int w) {
    String id = "pa-" + w;
    String payer = "payer-" + (char) ('a' + random.nextInt(4));
    boolean urgent = random.nextInt(4) == 0;
    List<String> path = new ArrayList<>(PATHS.get(random.nextInt(PATHS.size())));
    if (random.nextInt(10) == 0) {
      path.add(1 + random.nextInt(path.size()), "INITIATED"); // illegal after the first step
    }
    List<Ev> events = new ArrayList<>();
    long t = START.toEpochMilli() + (1 + random.nextInt(20 * 24)) * HOUR;
    int n = 0;
    for (String status : path) {
      events.add(new Ev(id, id + "-" + n++, status, t, payer, urgent, 0));
      if (random.nextInt(6) == 0) {
        long extension = (1 + random.nextInt(20)) * DAY; // some beyond max-extension
        events.add(
            new Ev(id, id + "-" + n++, "TIMEFRAME_EXTENDED", t + HOUR, payer, urgent, extension));
      }
      // Mostly within the timeframes; sometimes past them (up to 10 days, below HdrHistogram's
      // exact range of 16,384 minutes for the decision times).
      t += (random.nextInt(3) == 0 ? 24 + random.nextInt(9 * 24) : 1 + random.nextInt(48)) * HOUR;
    }
    List<Arrival> arrivals = new ArrayList<>();
    for (Ev event : events) {
      // A few arrive late (up to 3 days after their stamp), out of order with the rest.
      long delay = random.nextInt(8) == 0 ? (1 + random.nextInt(72)) * HOUR : 0;
      arrivals.add(new Arrival(event.ts() + delay, event));
      if (random.nextInt(12) == 0) {
        arrivals.add(new Arrival(event.ts() + delay + (1 + random.nextInt(24)) * HOUR, event));
      }
    }
    return arrivals;
  }

  private static PriorAuthStatusChanged avro(Ev e) {
    PaEvents builder =
        PaEvents.of(e.pa(), e.id(), e.status(), e.ts() - PaEvents.T0.toEpochMilli())
            .payer(e.payer());
    if (e.urgent()) {
      builder.urgent();
    }
    if (e.status().equals("TIMEFRAME_EXTENDED")) {
      builder.extension(Duration.ofMillis(e.extensionMs()).toString());
    }
    return builder.build();
  }

  private static void assertViews(PriorAuthDriver pa, SimplePriorAuthOracle oracle) {
    int checked = 0;
    for (String id : oracle.pas()) {
      PriorAuthView view = pa.view(id);
      assertEquals(oracle.status(id), view.getStatus(), id);
      assertEquals(
          oracle.historyIds(id), view.getHistory().stream().map(h -> h.getEventId()).toList(), id);
      assertEquals(oracle.timeInStatus(id), view.getTimeInStatusMs(), id);
      List<String> expectedClocks = new ArrayList<>();
      for (ClockOut c : oracle.clocks(id)) {
        Boolean breach = oracle.breached.get(id + "/" + c.sla() + "/" + c.ordinal());
        String state =
            c.stop() == null
                ? (breach == null ? "RUNNING" : "BREACHED")
                : (breach == null ? "MET" : "RESOLVED_LATE");
        expectedClocks.add(
            c.sla()
                + "#"
                + c.ordinal()
                + " "
                + c.start()
                + ".."
                + c.deadline()
                + " "
                + c.stop()
                + " "
                + state);
      }
      List<String> clocks = new ArrayList<>();
      for (PriorAuthClock c : view.getClocks()) {
        clocks.add(
            c.getSlaId()
                + "#"
                + c.getOrdinal()
                + " "
                + c.getStartedAt()
                + ".."
                + c.getDeadline()
                + " "
                + c.getStoppedAt()
                + " "
                + c.getState());
      }
      assertEquals(expectedClocks, clocks, id);
      checked++;
    }
    assertEquals(WORKFLOWS, checked);
  }

  private static void assertSlaEvents(PriorAuthDriver pa, SimplePriorAuthOracle oracle) {
    Set<String> breaches = new TreeSet<>();
    Set<String> resolutions = new TreeSet<>();
    for (PriorAuthSlaEvent e : pa.slaEvents()) {
      String key = e.getPriorAuthId() + "/" + e.getSlaId() + "/" + e.getOrdinal();
      if (e.getKind() == PriorAuthSlaKind.BREACHED) {
        assertTrue(breaches.add(key + ":" + e.getDeadline()), "one breach per clock: " + key);
      } else {
        assertTrue(resolutions.add(key + ":" + e.getOverdueByMs()), "one resolution: " + key);
      }
    }
    assertTrue(oracle.breaches.size() > 50, "the stream breaches: " + oracle.breaches.size());
    assertTrue(oracle.resolutions.size() > 20, "and resolves: " + oracle.resolutions.size());
    assertEquals(oracle.breaches, breaches);
    assertEquals(oracle.resolutions, resolutions);
  }

  private static void assertStats(PriorAuthDriver pa, SimplePriorAuthOracle oracle) {
    Map<String, PriorAuthStats> written = new TreeMap<>();
    pa.stats.readKeyValuesToList().forEach(kv -> written.put(kv.key, kv.value));
    Map<String, Stats> expected = oracle.stats();
    assertEquals(expected.keySet(), written.keySet());
    expected.forEach(
        (key, s) -> {
          PriorAuthStats actual = written.get(key);
          assertEquals(s.pas(), actual.getPriorAuths(), key);
          assertEquals(s.byStatus(), new TreeMap<>(actual.getCountsByStatus()), key);
          var d = actual.getDecided();
          assertEquals(
              List.of(
                  s.approved(),
                  s.partially(),
                  s.modified(),
                  s.denied(),
                  s.approvedAfterAppeal(),
                  s.extended()),
              List.of(
                  d.getApproved(),
                  d.getPartiallyApproved(),
                  d.getModified(),
                  d.getDenied(),
                  d.getApprovedAfterAppeal(),
                  d.getExtended()),
              key);
          var minutes = actual.getDecisionMinutes();
          assertEquals(s.minutes().size(), minutes.getCount(), key);
          // Exact to the minute up to 16,384 minutes; beyond, within HdrHistogram's 4 significant
          // digits (a bucket of 2 minutes up to 32,768), which some generated decisions reach.
          double mean = s.minutes().stream().mapToLong(Long::longValue).average().orElse(0);
          assertEquals(mean, minutes.getMean(), mean / 8192, key);
          assertClose(SimplePriorAuthOracle.percentile(s.minutes(), 50), minutes.getMedian(), key);
          assertClose(SimplePriorAuthOracle.percentile(s.minutes(), 90), minutes.getP90(), key);
        });
  }

  private static void assertClose(Long expected, Long actual, String key) {
    if (expected == null || expected < 16_384) {
      assertEquals(expected, actual, key);
    } else {
      assertEquals(expected, actual, expected / 8192.0 + 1, key);
    }
  }
}
