package dev.healthstreams.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the {@code topologies:} mapping: each block's {@code topics} are checked against its
 * schema's roles, its {@code streams} by {@link StreamsSettingsReader}, the rest of the block is
 * left to the schema's {@link SettingsReader}.
 */
final class TopologyBlocksReader {
  private final Map<String, TopologySchema<?>> schemasByName;

  TopologyBlocksReader(List<? extends TopologySchema<?>> schemas) {
    this.schemasByName =
        schemas.stream()
            .collect(
                Collectors.toMap(
                    TopologySchema::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  Map<String, TopologyConfig<?>> read(ConfigNode topologies) {
    Map<String, TopologyConfig<?>> configs = new LinkedHashMap<>();
    for (String name : topologies.keys()) {
      TopologySchema<?> schema = schemasByName.get(name);
      if (schema == null) {
        topologies.error(
            name, "unknown topology (known: " + String.join(", ", schemasByName.keySet()) + ")");
        continue;
      }
      Optional<ConfigNode> maybeBlock = topologies.child(name);
      if (maybeBlock.isEmpty()) {
        topologies.error(name, "has no settings (needs at least its topics)");
        continue;
      }
      configs.put(name, read(schema, maybeBlock.get()));
    }
    return configs;
  }

  private static <S> TopologyConfig<S> read(TopologySchema<S> schema, ConfigNode block) {
    Map<String, List<String>> topics = topics(block.requiredChild("topics"), schema);
    S settings = schema.settingsReader().read(block);
    return new TopologyConfig<>(schema, topics, settings, StreamsSettingsReader.read(block));
  }

  private static Map<String, List<String>> topics(ConfigNode topics, TopologySchema<?> schema) {
    List<String> roles = schema.topicRoles();
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    for (String role : roles) {
      byRole.put(
          role,
          schema.multiTopicRoles().contains(role)
              ? topicList(topics, role)
              : List.of(topics.value(role, Parsers.topicName()).required()));
    }
    for (String key : topics.keys()) {
      if (!roles.contains(key)) {
        topics.error(key, "unknown topic role (roles: " + String.join(", ", roles) + ")");
      }
    }
    return byRole;
  }

  /** A role that reads several topics: a non-empty list of topic names. */
  private static List<String> topicList(ConfigNode topics, String role) {
    List<String> names = topics.values(role, Parsers.topicName()).required();
    if (topics.has(role) && names.isEmpty()) {
      topics.error(role, "must list at least one topic");
    }
    return names;
  }
}
