package dev.healthstreams.topology.priorauth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple model of the projection for the generated-stream test, sharing no code with
 * it: each PA keeps every event, everything is recomputed from the sorted list, the default rules
 * are written out here, the transition table is the test's own. Illegal events are applied (the
 * default policy); history is never cut (the test's workflows stay under the limit).
 */
final class SimplePriorAuthOracle {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  record Ev(
      String pa,
      String id,
      String status,
      long ts,
      String payer,
      boolean urgent,
      long extensionMs) {}

  record ClockOut(String sla, int ordinal, long start, long deadline, Long stop) {}

  record Stats(
      long pas,
      Map<String, Long> byStatus,
      long approved,
      long partially,
      long modified,
      long denied,
      long approvedAfterAppeal,
      long extended,
      List<Long> minutes) {}

  private final Map<String, List<Ev>> byPa = new LinkedHashMap<>();

  /** "pa/sla/ordinal" of breaches written, with whether resolved. */
  final Map<String, Boolean> breached = new TreeMap<>();

  final Set<String> breaches = new java.util.TreeSet<>();
  final Set<String> resolutions = new java.util.TreeSet<>();
  final Set<String> anomalies = new java.util.TreeSet<>();

  private static final Comparator<Ev> ORDER =
      Comparator.comparingLong(Ev::ts).thenComparing(Ev::id);

  void arrive(Ev ev) {
    List<Ev> events = byPa.computeIfAbsent(ev.pa(), p -> new ArrayList<>());
    for (Ev e : events) {
      if (e.id().equals(ev.id())) {
        return; // duplicate
      }
    }
    if (!ev.status().equals("TIMEFRAME_EXTENDED")) {
      String from = "start";
      for (Ev e : events) {
        if (ORDER.compare(e, ev) < 0 && !e.status().equals("TIMEFRAME_EXTENDED")) {
          from = e.status(); // the last one before it, as events are kept sorted
        }
      }
      if (!PriorAuthTransitionsTopologyTest.LEGAL.get(from).contains(ev.status())) {
        anomalies.add(ev.pa() + ":" + ev.id() + ":" + from + ">" + ev.status());
      }
    }
    events.add(ev);
    events.sort(ORDER);
    for (ClockOut clock : clocks(ev.pa())) {
      String key = ev.pa() + "/" + clock.sla() + "/" + clock.ordinal();
      if (clock.stop() != null && Boolean.FALSE.equals(breached.get(key))) {
        breached.put(key, true);
        resolutions.add(key + ":" + (clock.stop() - clock.deadline()));
      }
    }
  }

  /**
   * The wall clock reads {@code now}: clocks that run past their deadline breach, once. A deadline
   * is passed after its instant, not at it.
   */
  void punctuate(long now) {
    for (String pa : byPa.keySet()) {
      for (ClockOut clock : clocks(pa)) {
        String key = pa + "/" + clock.sla() + "/" + clock.ordinal();
        if (clock.stop() == null && clock.deadline() < now && !breached.containsKey(key)) {
          breached.put(key, false);
          breaches.add(key + ":" + clock.deadline());
        }
      }
    }
  }

  Set<String> pas() {
    return byPa.keySet();
  }

  String status(String pa) {
    String status = null;
    for (Ev e : byPa.get(pa)) {
      if (!e.status().equals("TIMEFRAME_EXTENDED")) {
        status = e.status();
      }
    }
    return status;
  }

  List<String> historyIds(String pa) {
    return byPa.get(pa).stream().map(Ev::id).toList();
  }

  Map<String, Long> timeInStatus(String pa) {
    Map<String, Long> times = new HashMap<>();
    Ev last = null;
    for (Ev e : byPa.get(pa)) {
      if (e.status().equals("TIMEFRAME_EXTENDED")) {
        continue;
      }
      if (last != null) {
        times.merge(last.status(), e.ts() - last.ts(), Long::sum);
      }
      last = e;
    }
    return times;
  }

  List<ClockOut> clocks(String pa) {
    List<String> slas = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    List<Long> deadlines = new ArrayList<>();
    List<Long> extended = new ArrayList<>();
    List<Long> stops = new ArrayList<>();
    for (Ev e : byPa.get(pa)) {
      String s = e.status();
      if (s.equals("TIMEFRAME_EXTENDED")) {
        for (int i = 0; i < slas.size(); i++) {
          if (stops.get(i) == null) {
            long add = Math.min(e.extensionMs(), 14 * DAY - extended.get(i));
            deadlines.set(i, deadlines.get(i) + add);
            extended.set(i, extended.get(i) + add);
          }
        }
        continue;
      }
      boolean fin = s.equals("CANCELLED") || s.equals("EXPIRED");
      for (int i = 0; i < slas.size(); i++) {
        if (stops.get(i) == null && (fin || until(slas.get(i)).contains(s))) {
          stops.set(i, e.ts());
        }
      }
      for (String sla : List.of("determination", "additional-info")) {
        boolean starts_ = from(sla).contains(s);
        boolean runs = false;
        for (int i = 0; i < slas.size(); i++) {
          runs |= slas.get(i).equals(sla) && stops.get(i) == null;
        }
        if (starts_ && !runs) {
          long within = sla.equals("determination") ? (e.urgent() ? 72 * HOUR : 7 * DAY) : 14 * DAY;
          slas.add(sla);
          starts.add(e.ts());
          deadlines.add(e.ts() + within);
          extended.add(0L);
          stops.add(null);
        }
      }
    }
    List<ClockOut> clocks = new ArrayList<>();
    Map<String, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < slas.size(); i++) {
      int ordinal = ordinals.merge(slas.get(i), 1, Integer::sum);
      clocks.add(new ClockOut(slas.get(i), ordinal, starts.get(i), deadlines.get(i), stops.get(i)));
    }
    return clocks;
  }

  private static Set<String> from(String sla) {
    return sla.equals("determination")
        ? Set.of("SUBMITTED", "APPEALED")
        : Set.of("ADDITIONAL_INFO_REQUIRED");
  }

  private static Set<String> until(String sla) {
    return sla.equals("determination")
        ? Set.of("APPROVED", "PARTIALLY_APPROVED", "MODIFIED", "DENIED", "CANCELLED")
        : Set.of("SUBMITTED", "DENIED", "CANCELLED", "EXPIRED");
  }

  private static final Set<String> DECISIONS =
      Set.of("APPROVED", "PARTIALLY_APPROVED", "MODIFIED", "DENIED");

  /** Figures per "payer|urgent" or "payer|standard", each PA once, from its final events. */
  Map<String, Stats> stats() {
    Map<String, List<String>> pasByKey = new TreeMap<>();
    for (String pa : byPa.keySet()) {
      List<Ev> events = byPa.get(pa);
      Ev latest = events.get(events.size() - 1);
      String key = latest.payer() + "|" + (latest.urgent() ? "urgent" : "standard");
      pasByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(pa);
    }
    Map<String, Stats> stats = new TreeMap<>();
    pasByKey.forEach(
        (key, pas) -> {
          Map<String, Long> byStatus = new TreeMap<>();
          long[] decided = new long[6];
          List<Long> minutes = new ArrayList<>();
          for (String pa : pas) {
            byStatus.merge(status(pa), 1L, Long::sum);
            String decidedAs = null;
            boolean appealed = false;
            boolean afterAppeal = false;
            boolean extended = false;
            Long submitted = null;
            Long firstDecision = null;
            for (Ev e : byPa.get(pa)) {
              extended |= e.status().equals("TIMEFRAME_EXTENDED");
              appealed |= e.status().equals("APPEALED");
              if (e.status().equals("SUBMITTED") && submitted == null) {
                submitted = e.ts();
              }
              if (DECISIONS.contains(e.status())) {
                decidedAs = e.status();
                afterAppeal = appealed;
                if (submitted != null && firstDecision == null) {
                  firstDecision = e.ts();
                }
              }
            }
            if (decidedAs != null) {
              decided[
                  List.of("APPROVED", "PARTIALLY_APPROVED", "MODIFIED", "DENIED")
                      .indexOf(decidedAs)]++;
              decided[4] += decidedAs.equals("APPROVED") && afterAppeal ? 1 : 0;
              decided[5] += extended ? 1 : 0;
            }
            if (firstDecision != null) {
              minutes.add((firstDecision - submitted) / 60_000L);
            }
          }
          minutes.sort(null);
          stats.put(
              key,
              new Stats(
                  pas.size(),
                  byStatus,
                  decided[0],
                  decided[1],
                  decided[2],
                  decided[3],
                  decided[4],
                  decided[5],
                  minutes));
        });
    return stats;
  }

  /** Nearest rank: the smallest value with at least p% of the values at or below it. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = Math.max(1, (p * sorted.size() + 99) / 100); // ceil, in integers
    return sorted.get(rank - 1);
  }
}
