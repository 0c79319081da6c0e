package dev.healthstreams.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * State shared by every {@link ConfigNode} of one load: the errors found so far, the environment,
 * and the mappings handed to readers, which are checked for unknown keys once reading is done.
 */
final class LoadContext {
  private final String sourceName;
  private final EnvironmentSubstitution substitution;
  // A set, because a reader that asks for the same key twice would otherwise report twice.
  private final Set<ConfigError> errors = new LinkedHashSet<>();
  private final List<ConfigNode> wrappedMappings = new ArrayList<>();

  LoadContext(String sourceName, EnvironmentSubstitution substitution) {
    this.sourceName = sourceName;
    this.substitution = substitution;
  }

  void report(String path, int line, String message) {
    errors.add(new ConfigError(path.isEmpty() ? sourceName : path, line, message));
  }

  EnvironmentSubstitution.Result substitute(String text) {
    return substitution.apply(text);
  }

  void register(ConfigNode node) {
    wrappedMappings.add(node);
  }

  /** Reports keys no reader asked for, then returns every error in file order. */
  List<ConfigError> finish() {
    wrappedMappings.forEach(ConfigNode::reportUnknownKeys);
    List<ConfigError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(ConfigError::line));
    return List.copyOf(sorted);
  }
}
