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
  private final Map<String, TopologySchema> schemasByName;

  TopologyBlocksReader(List<TopologySchema> schemas) {
    this.schemasByName =
        schemas.stream()
            .collect(
                Collectors.toMap(
                    TopologySchema::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  Map<String, TopologyConfig<?>> read(ConfigNode topologies) {
    Map<String, TopologyConfig<?>> configs = new LinkedHashMap<>();
    for (String name : topologies.keys()) {
      TopologySchema schema = schemasByName.get(name);
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
      ConfigNode block = maybeBlock.get();
      Map<String, String> topics = topics(block.requiredChild("topics"), schema.topicRoles());
      configs.put(name, new TopologyConfig<>(name, topics, schema.settings().read(block)));
    }
    return configs;
  }

  private static Map<String, String> topics(ConfigNode topics, List<String> roles) {
    Map<String, String> byRole = new LinkedHashMap<>();
    for (String role : roles) {
      byRole.put(role, topics.value(role, Parsers.topicName()).required());
    }
    for (String key : topics.keys()) {
      if (!roles.contains(key)) {
        topics.error(key, "unknown topic role (roles: " + String.join(", ", roles) + ")");
      }
    }
    return byRole;
  }
}
