package dev.healthstreams.topology;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The topologies this process hosts, by name: discovered from {@code META-INF/services} (one line a
 * topology), or built explicitly; {@link #with} adds one (bench's pass-through ceiling, a test's
 * own topology).
 */
public final class TopologyRegistry {
  private final Map<String, TopologyDefinition<?>> byName;

  private TopologyRegistry(List<? extends TopologyDefinition<?>> definitions) {
    Map<String, TopologyDefinition<?>> map = new LinkedHashMap<>();
    for (TopologyDefinition<?> definition : definitions) {
      if (map.putIfAbsent(definition.name(), definition) != null) {
        throw new IllegalArgumentException("two topologies are named " + definition.name());
      }
    }
    this.byName = map;
  }

  /** Every topology registered on the class path. */
  @SuppressWarnings("rawtypes")
  public static TopologyRegistry discover() {
    List<TopologyDefinition<?>> found = new ArrayList<>();
    for (TopologyDefinition definition : ServiceLoader.load(TopologyDefinition.class)) {
      found.add(definition);
    }
    return new TopologyRegistry(found);
  }

  public static TopologyRegistry of(TopologyDefinition<?>... definitions) {
    return new TopologyRegistry(List.of(definitions));
  }

  public TopologyRegistry with(TopologyDefinition<?> definition) {
    List<TopologyDefinition<?>> all = new ArrayList<>(byName.values());
    all.add(definition);
    return new TopologyRegistry(all);
  }

  public List<TopologyDefinition<?>> all() {
    return List.copyOf(byName.values());
  }

  public Optional<TopologyDefinition<?>> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** A loader that reads the blocks of these topologies. */
  public ConfigLoader loader(Map<String, String> environment) {
    return new ConfigLoader(all(), environment);
  }

  /** The configured topology of that name, paired with its definition. */
  public static Optional<ConfiguredTopology<?>> configured(AppConfig config, String name) {
    return config.topology(name).map(ConfiguredTopology::of);
  }
}
