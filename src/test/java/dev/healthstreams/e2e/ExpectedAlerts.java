package dev.healthstreams.e2e;

import dev.healthstreams.topology.alerting.SimpleAlertOracle;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the deliberately simple oracle (not the topology's classes) says the inputs produce. */
record ExpectedAlerts(Set<String> emittedAlertIds, int firings) {
  static ExpectedAlerts of(List<Path> observationFiles) {
    SimpleAlertOracle.Result result =
        SimpleAlertOracle.run(
            SimpleAlertOracle.readSpec(Path.of("topologies.yaml")), observationFiles);
    return new ExpectedAlerts(
        result.emitted().stream().map(SimpleAlertOracle.Alert::alertId).collect(Collectors.toSet()),
        result.firings().size());
  }
}
