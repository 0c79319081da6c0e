package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.TopologyRegistry;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * As {@link #resolve}, for commands that run the topologies on a cluster: a topology that cannot
   * keep at-least-once's promise through a crash is refused under {@code at_least_once}.
   */
  static List<String> resolveToRun(
      TopologyRegistry registry, List<String> requested, AppConfig config) {
    List<String> names = resolve(registry, requested, config);
    List<String> refused = refusedToRun(registry, names, config);
    if (!refused.isEmpty()) {
      throw new UsageException(String.join("\n", refused));
    }
    return names;
  }

  /**
   * Why each of {@code names} that cannot run under the config's guarantee cannot; none if all can.
   */
  static List<String> refusedToRun(
      TopologyRegistry registry, Collection<String> names, AppConfig config) {
    if (config.app().processingGuarantee() != ProcessingGuarantee.AT_LEAST_ONCE) {
      return List.of();
    }
    List<String> refused = new ArrayList<>();
    for (String name : names) {
      registry
          .byName(name)
          .flatMap(TopologyDefinition::atLeastOnceGap)
          .ifPresent(
              gap ->
                  refused.add(
                      "topology '"
                          + name
                          + "' cannot run under app.processing-guarantee at_least_once: "
                          + gap
                          + " (use exactly_once_v2, the default)"));
    }
    return refused;
  }

  static void requireKnown(TopologyRegistry registry, String name) {
    if (registry.byName(name).isEmpty()) {
      throw new UsageException(
          "unknown topology '" + name + "' (known: " + String.join(", ", registry.names()) + ")");
    }
  }
}
