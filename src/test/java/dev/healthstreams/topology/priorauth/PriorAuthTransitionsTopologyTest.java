package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.PriorAuthAnomaly;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every row of the issue's transition table through the topology: each (from, to) pair, legal or
 * not, on its own PA. The expected table is written out here from the issue, not taken from {@link
 * TransitionTable}.
 */
class PriorAuthTransitionsTopologyTest {
  @RegisterExtension static final TopologyKitExtension kit = PriorAuthDriver.unstarted();

  private static final String DETERMINATIONS = "APPROVED PARTIALLY_APPROVED MODIFIED DENIED";

  /** The issue's table, "from: to to to"; start is the first event. */
  static final Map<String, Set<String>> LEGAL = new LinkedHashMap<>();

  static {
    row("start", "INITIATED SUBMITTED");
    row("INITIATED", "DOCUMENTATION_REQUESTED SUBMITTED CANCELLED");
    row("DOCUMENTATION_REQUESTED", "DOCUMENTATION_ASSEMBLED CANCELLED");
    row("DOCUMENTATION_ASSEMBLED", "SUBMITTED CANCELLED");
    row("SUBMITTED", "PENDED ADDITIONAL_INFO_REQUIRED CANCELLED " + DETERMINATIONS);
    row("PENDED", "ADDITIONAL_INFO_REQUIRED CANCELLED " + DETERMINATIONS);
    row("ADDITIONAL_INFO_REQUIRED", "SUBMITTED DENIED CANCELLED EXPIRED");
    for (String approved : List.of("APPROVED", "PARTIALLY_APPROVED", "MODIFIED")) {
      row(approved, "DETERMINATION_COMMUNICATED EXPIRED CANCELLED");
    }
    row("DENIED", "DETERMINATION_COMMUNICATED APPEALED");
    row("APPEALED", "CANCELLED " + DETERMINATIONS);
    row("DETERMINATION_COMMUNICATED", "APPEALED EXPIRED");
    row("CANCELLED", "");
    row("EXPIRED", "");
  }

  /** A legal way to reach each status. */
  static final Map<String, List<String>> PATH =
      Map.ofEntries(
          Map.entry("start", List.of()),
          Map.entry("INITIATED", List.of("INITIATED")),
          Map.entry("DOCUMENTATION_REQUESTED", List.of("INITIATED", "DOCUMENTATION_REQUESTED")),
          Map.entry(
              "DOCUMENTATION_ASSEMBLED",
              List.of("INITIATED", "DOCUMENTATION_REQUESTED", "DOCUMENTATION_ASSEMBLED")),
          Map.entry("SUBMITTED", List.of("SUBMITTED")),
          Map.entry("PENDED", List.of("SUBMITTED", "PENDED")),
          Map.entry("ADDITIONAL_INFO_REQUIRED", List.of("SUBMITTED", "ADDITIONAL_INFO_REQUIRED")),
          Map.entry("APPROVED", List.of("SUBMITTED", "APPROVED")),
          Map.entry("PARTIALLY_APPROVED", List.of("SUBMITTED", "PARTIALLY_APPROVED")),
          Map.entry("MODIFIED", List.of("SUBMITTED", "MODIFIED")),
          Map.entry("DENIED", List.of("SUBMITTED", "DENIED")),
          Map.entry("APPEALED", List.of("SUBMITTED", "DENIED", "APPEALED")),
          Map.entry(
              "DETERMINATION_COMMUNICATED",
              List.of("SUBMITTED", "APPROVED", "DETERMINATION_COMMUNICATED")),
          Map.entry("CANCELLED", List.of("SUBMITTED", "CANCELLED")),
          Map.entry("EXPIRED", List.of("SUBMITTED", "APPROVED", "EXPIRED")));

  static final List<String> LIFECYCLE =
      List.of(
          "INITIATED",
          "DOCUMENTATION_REQUESTED",
          "DOCUMENTATION_ASSEMBLED",
          "SUBMITTED",
          "PENDED",
          "ADDITIONAL_INFO_REQUIRED",
          "APPROVED",
          "PARTIALLY_APPROVED",
          "MODIFIED",
          "DENIED",
          "APPEALED",
          "DETERMINATION_COMMUNICATED",
          "CANCELLED",
          "EXPIRED");

  private static void row(String from, String to) {
    LEGAL.put(from, new TreeSet<>(to.isEmpty() ? List.of() : Arrays.asList(to.split(" "))));
  }

  @Test
  void shouldApplyEveryLegalTransitionAndReportEveryIllegalOne() {
    PriorAuthDriver pa = new PriorAuthDriver(kit.start(PriorAuthDriver.yaml("")));
    Set<String> expectedAnomalies = new TreeSet<>();
    Map<String, String> expectedStatus = new LinkedHashMap<>();
    for (String from : LEGAL.keySet()) {
      for (String to : LIFECYCLE) {
        String id = from + ">" + to;
        List<String> path = new ArrayList<>(PATH.get(from));
        path.add(to);
        for (int i = 0; i < path.size(); i++) {
          pa.pipe(event(id, id + "#" + i, path.get(i), i * HOUR));
        }
        if (!LEGAL.get(from).contains(to)) {
          expectedAnomalies.add(id + ":" + (from.equals("start") ? null : from) + ">" + to);
        }
        expectedStatus.put(id, to); // apply: an illegal event is applied all the same
      }
    }

    Set<String> anomalies = new TreeSet<>();
    for (PriorAuthAnomaly a : pa.anomalies()) {
      anomalies.add(a.getPriorAuthId() + ":" + a.getFromStatus() + ">" + a.getToStatus());
      assertEquals("ILLEGAL_TRANSITION", a.getReason());
    }
    assertEquals(expectedAnomalies, anomalies);
    Map<String, String> statuses = new LinkedHashMap<>();
    pa.latestViews().forEach((id, view) -> statuses.put(id, view.getStatus()));
    assertEquals(expectedStatus, statuses);
  }

  @Test
  void shouldKeepRejectedEventsInTheHistoryWithoutMovingTheStatus() {
    PriorAuthDriver pa =
        new PriorAuthDriver(kit.start(PriorAuthDriver.yaml("illegal-transitions: reject")));
    Map<String, String> expectedStatus = new LinkedHashMap<>();
    int illegal = 0;
    for (String from : LEGAL.keySet()) {
      for (String to : LIFECYCLE) {
        String id = from + ">" + to;
        List<String> path = new ArrayList<>(PATH.get(from));
        path.add(to);
        for (int i = 0; i < path.size(); i++) {
          pa.pipe(event(id, id + "#" + i, path.get(i), i * HOUR));
        }
        boolean legal = LEGAL.get(from).contains(to);
        illegal += legal ? 0 : 1;
        expectedStatus.put(id, legal ? to : from.equals("start") ? null : from);
      }
    }

    List<PriorAuthAnomaly> anomalies = pa.anomalies();
    assertEquals(illegal, anomalies.size());
    anomalies.forEach(a -> assertEquals(true, a.getRejected()));
    Map<String, PriorAuthView> views = pa.latestViews();
    Map<String, String> statuses = new LinkedHashMap<>();
    views.forEach((id, view) -> statuses.put(id, view.getStatus()));
    assertEquals(expectedStatus, statuses);
    PriorAuthView rejected = views.get("DENIED>APPROVED");
    assertEquals(
        List.of("SUBMITTED@0", "DENIED@1", "APPROVED@2!"), PriorAuthDriver.history(rejected));
    assertEquals("DENIED", rejected.getDetermination());
  }
}
