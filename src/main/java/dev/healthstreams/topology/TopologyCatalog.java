package dev.healthstreams.topology;

import dev.healthstreams.config.TopologySchema;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import dev.healthstreams.topology.interaction.MedicationInteractionTopology;
import java.util.List;
import java.util.Optional;

/** Every topology this build hosts, by name. */
public final class TopologyCatalog {
  private static final List<TopologyFactory<?>> ALL =
      List.of(new ObservationAlertingTopology(), new MedicationInteractionTopology());

  private TopologyCatalog() {}

  public static List<TopologyFactory<?>> all() {
    return ALL;
  }

  public static Optional<TopologyFactory<?>> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(TopologyFactory::name).toList();
  }

  public static List<TopologySchema> schemas() {
    return ALL.stream().map(TopologyFactory::schema).toList();
  }
}
