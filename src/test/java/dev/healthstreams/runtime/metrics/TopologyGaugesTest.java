package dev.healthstreams.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class TopologyGaugesTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void shouldShowOneForTheCurrentStateOnlyAndTheRestoreAsGiven() {
    AtomicReference<State> state = new AtomicReference<>(State.REBALANCING);
    try (TopologyGauges gauges =
        new TopologyGauges(registry, "consent-table", state::get, () -> 42, () -> 7.5)) {
      String scrape = registry.scrape();
      assertTrue(
          scrape.contains(
              "healthstreams_topology_state{state=\"REBALANCING\",topology=\"consent-table\"} 1"),
          scrape);
      assertTrue(
          scrape.contains(
              "healthstreams_topology_state{state=\"RUNNING\",topology=\"consent-table\"} 0"),
          scrape);
      assertEquals(
          State.values().length,
          scrape.lines().filter(l -> l.startsWith("healthstreams_topology_state{")).count());
      assertTrue(
          scrape.contains("healthstreams_restore_remaining_records{topology=\"consent-table\"} 42"),
          scrape);
      assertTrue(
          scrape.contains("healthstreams_restore_running_seconds{topology=\"consent-table\"} 7.5"),
          scrape);

      state.set(State.RUNNING);
      scrape = registry.scrape();
      assertTrue(
          scrape.contains(
              "healthstreams_topology_state{state=\"RUNNING\",topology=\"consent-table\"} 1"),
          scrape);
      assertTrue(
          scrape.contains(
              "healthstreams_topology_state{state=\"REBALANCING\",topology=\"consent-table\"} 0"),
          scrape);
    }
    assertTrue(!registry.scrape().contains("healthstreams_topology_state"), "removed on close");
  }
}
