package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;

/** Builds configured topologies for a look at their shape (describe, provisioning), not to run. */
public final class Topologies {
  private Topologies() {}

  public static List<BuiltTopology> forInspection(AppConfig config, List<String> names) {
    // Serdes only talk to a registry when a record flows: an in-memory one is enough here.
    BuildContext context =
        new BuildContext(
            new AvroSerdes(SchemaRegistries.connect("mock://inspection", Map.of())),
            new SimpleMeterRegistry());
    return names.stream()
        .map(name -> BuiltTopology.build(config.topology(name).orElseThrow(), context))
        .toList();
  }
}
