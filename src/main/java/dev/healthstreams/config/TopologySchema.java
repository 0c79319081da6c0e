package dev.healthstreams.config;

import java.util.List;

/** What the loader must know of a topology to validate its block: roles and settings reader. */
public record TopologySchema(String name, List<String> topicRoles, SettingsReader<?> settings) {
  public TopologySchema {
    topicRoles = List.copyOf(topicRoles);
  }
}
