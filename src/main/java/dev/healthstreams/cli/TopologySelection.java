package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves topology names from the command line: "all", known, and configured. */
final class TopologySelection {
  static final String ALL = "all";

  private TopologySelection() {}

  static List<String> resolve(List<String> requested, AppConfig config) {
    Set<String> names = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String name : requested) {
      if (ALL.equals(name)) {
        TopologyCatalog.names().stream()
            .filter(n -> config.topology(n).isPresent())
            .forEach(names::add);
      } else if (TopologyCatalog.byName(name).isEmpty()) {
        problems.add(
            "unknown topology '"
                + name
                + "' (known: "
                + String.join(", ", TopologyCatalog.names())
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

  static void requireKnown(String name) {
    if (TopologyCatalog.byName(name).isEmpty()) {
      throw new UsageException(
          "unknown topology '"
              + name
              + "' (known: "
              + String.join(", ", TopologyCatalog.names())
              + ")");
    }
  }
}
