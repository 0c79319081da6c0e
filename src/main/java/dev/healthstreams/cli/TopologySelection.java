package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves topology names from the command line: "all", known, and configured. */
final class TopologySelection {
  static final String ALL = "all";

  private TopologySelection() {}

  static List<String> resolve(TopologyRegistry registry, List<String> requested, AppConfig config) {
    Set<String> names = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String name : requested) {
      if (ALL.equals(name)) {
        registry.names().stream().filter(n -> config.topology(n).isPresent()).forEach(names::add);
      } else if (registry.byName(name).isEmpty()) {
        problems.add(
            "unknown topology '"
                + name
                + "' (known: "
                + String.join(", ", registry.names())
                + ", all)");
      } else if (config.topology(name).isEmpty()) {
        problems.add(
            "topology '" + name + "' is not configured under topologies: in the config file");
      } else {
        names.add(name);
      }
    }
    if (problems.isEmpty() && names.isEmpty()) {
      problems.add("no configured topology selected");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\n", problems));
    }
    return List.copyOf(names);
  }

  static void requireKnown(TopologyRegistry registry, String name) {
    if (registry.byName(name).isEmpty()) {
      throw new UsageException(
          "unknown topology '" + name + "' (known: " + String.join(", ", registry.names()) + ")");
    }
  }
}
