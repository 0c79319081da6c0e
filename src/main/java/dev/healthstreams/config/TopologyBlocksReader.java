package dev.healthstreams.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the {@code topologies:} mapping: each block's {@code topics} are checked against its
 * schema's roles, the rest of the block is left to the schema's {@link SettingsReader}.
 */
final class TopologyBlocksReader {
  // Kafka's own limit on topic names.
  private static final int MAX_TOPIC_LENGTH = 249;

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
    return new TopologyConfig<>(schema, topics, schema.settingsReader().read(block));
  }

  private static Map<String, List<String>> topics(ConfigNode topics, TopologySchema<?> schema) {
    List<String> roles = schema.topicRoles();
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    for (String role : roles) {
      List<String> names =
          schema.multiTopicRoles().contains(role)
              ? topicList(topics, role)
              : List.of(topics.requiredString(role, CoreSettingsReader.NAME_PATTERN));
      for (String topic : names) {
        if (topic.length() > MAX_TOPIC_LENGTH) {
          topics.error(role, "is longer than " + MAX_TOPIC_LENGTH + " characters");
        }
      }
      byRole.put(role, names);
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
    if (!topics.has(role)) {
      topics.error(role, "is required");
      return List.of();
    }
    List<String> names = topics.stringList(role, List.of());
    if (names.isEmpty()) {
      topics.error(role, "must list at least one topic");
    }
    for (String name : names) {
      if (!name.matches(CoreSettingsReader.NAME_PATTERN)) {
        topics.error(
            role,
            "'" + name + "' is not a valid topic name (" + CoreSettingsReader.NAME_PATTERN + ")");
      }
    }
    return names;
  }
}
