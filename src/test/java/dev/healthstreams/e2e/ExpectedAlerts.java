package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.alerting.SimpleAlertOracle;
import dev.healthstreams.topology.alerting.SimpleAlertOracle.Alert;
import dev.healthstreams.topology.alerting.SimpleAlertOracle.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the deliberately simple oracle (not the topology's classes) says the inputs produce, and the
 * check of a run on a real broker against it. There, one patient's Observations (keyed by their own
 * ids) spread over partitions and reach suppression in no fixed order, so which of two equally
 * severe alerts survives is not fixed; what must hold whatever the order is checked.
 */
record ExpectedAlerts(Map<String, Rule> rules, List<Alert> firings) {
  private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");

  static ExpectedAlerts of(List<Path> observationFiles) {
    SimpleAlertOracle.Spec spec = SimpleAlertOracle.readSpec(Path.of("topologies.yaml"));
    SimpleAlertOracle.Result result = SimpleAlertOracle.run(spec, observationFiles);
    return new ExpectedAlerts(
        spec.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity())),
        result.firings());
  }

  /** The (rule, patient) pairs of every firing, for outputs that show no alert id. */
  Set<String> rulePatientPairs() {
    return firings.stream().map(f -> f.ruleId() + " " + f.patientId()).collect(Collectors.toSet());
  }

  /** Each (patient, suppress-group) that fires must alert at least once. */
  long minimumAlerts() {
    return firings.stream().map(f -> f.patientId() + "|" + group(f)).distinct().count();
  }

  void assertPossibleOutcome(Collection<String> emittedIds) {
    Set<String> emitted = new HashSet<>(emittedIds);
    assertEquals(emitted.size(), emittedIds.size(), "no alert written twice");
    Map<String, Alert> byId =
        firings.stream()
            .collect(Collectors.toMap(Alert::alertId, Function.identity(), (a, b) -> a));
    for (String id : emitted) {
      assertTrue(byId.containsKey(id), "emitted alert " + id + " is not a firing");
    }
    List<Alert> kept = emitted.stream().map(byId::get).toList();
    for (Alert firing : firings) {
      if (!emitted.contains(firing.alertId())) {
        assertTrue(
            kept.stream().anyMatch(e -> covers(e, firing)),
            "firing " + firing.alertId() + " dropped without an alert that suppresses it");
      }
    }
    for (Alert a : kept) {
      for (Alert b : kept) {
        if (a != b && sameGroup(a, b) && a.severity().equals(b.severity())) {
          Duration window = min(window(a), window(b));
          assertTrue(
              distance(a, b).compareTo(window) >= 0,
              a.alertId() + " and " + b.alertId() + " both emitted within " + window);
        }
      }
    }
  }

  private boolean covers(Alert emitted, Alert dropped) {
    Duration window = window(dropped);
    return sameGroup(emitted, dropped)
        && distance(emitted, dropped).compareTo(window) < 0
        && SEVERITIES.indexOf(emitted.severity()) <= SEVERITIES.indexOf(dropped.severity());
  }

  private boolean sameGroup(Alert a, Alert b) {
    return a.patientId().equals(b.patientId()) && group(a).equals(group(b));
  }

  private String group(Alert alert) {
    return rules.get(alert.ruleId()).group();
  }

  private Duration window(Alert alert) {
    Duration window = rules.get(alert.ruleId()).suppressFor();
    return window == null ? Duration.ZERO : window;
  }

  private static Duration distance(Alert a, Alert b) {
    return Duration.between(a.effectiveTime(), b.effectiveTime()).abs();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
