package dev.healthstreams.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * What Kafka Streams reports only as text or not at all, as gauges an alert can compare: {@code
 * healthstreams_topology_state{topology,state}} (1 for the current state, 0 for the others), {@code
 * healthstreams_restore_remaining_records{topology}} and {@code
 * healthstreams_restore_running_seconds{topology}}.
 */
public final class TopologyGauges implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  /**
   * @param restoreRemaining records left to restore over the restores under way
   * @param restoreRunningSeconds how long the oldest restore under way has run, 0 when none
   */
  public TopologyGauges(
      MeterRegistry registry,
      String topology,
      Supplier<State> state,
      DoubleSupplier restoreRemaining,
      DoubleSupplier restoreRunningSeconds) {
    this.registry = registry;
    for (State each : State.values()) {
      meters.add(
          Gauge.builder("healthstreams.topology.state", () -> state.get() == each ? 1 : 0)
              .description("1 for the topology's current Kafka Streams state, 0 for the others")
              .tag("topology", topology)
              .tag("state", each.name())
              .register(registry));
    }
    meters.add(
        Gauge.builder("healthstreams.restore.remaining.records", restoreRemaining::getAsDouble)
            .description("Changelog records still to restore")
            .tag("topology", topology)
            .register(registry));
    meters.add(
        Gauge.builder("healthstreams.restore.running", restoreRunningSeconds::getAsDouble)
            .description("How long the oldest restore under way has run; 0 when none")
            .baseUnit("seconds")
            .tag("topology", topology)
            .register(registry));
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
