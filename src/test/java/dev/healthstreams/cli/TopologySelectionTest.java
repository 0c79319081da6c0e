package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which topologies `run` and `demo` accept under each guarantee, from the shipped config. */
class TopologySelectionTest {
  private static final TopologyRegistry REGISTRY = TopologyRegistry.discover();

  private static AppConfig shipped(String guarantee) {
    return REGISTRY.loader(Map.of()).load(CliRunner.shippedConfig(guarantee), "topologies.yaml");
  }

  @Test
  void shouldRunEveryConfiguredTopologyUnderExactlyOnce() {
    assertEquals(
        List.of(
            "canonical-sync",
            "consent-table",
            "medication-interaction",
            "observation-alerting",
            "prior-auth-projection"),
        TopologySelection.resolveToRun(REGISTRY, List.of("all"), shipped("exactly_once_v2"))
            .stream()
            .sorted()
            .toList());
  }

  @Test
  void shouldRefuseOnlyCanonicalSyncUnderAtLeastOnce() {
    AppConfig config = shipped("at_least_once");

    UsageException refused =
        assertThrows(
            UsageException.class,
            () -> TopologySelection.resolveToRun(REGISTRY, List.of("all"), config));

    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
    assertEquals(
        true,
        refused.getMessage().startsWith("topology 'canonical-sync' cannot run"),
        refused.getMessage());
    List<String> others =
        List.of(
            "observation-alerting",
            "medication-interaction",
            "prior-auth-projection",
            "consent-table");
    assertEquals(others, TopologySelection.resolveToRun(REGISTRY, others, config));
  }
}
