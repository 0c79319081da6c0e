package dev.healthstreams.config;

import java.util.Map;

/**
 * One topology's block: its topics by logical role and its own settings, already read by the
 * topology's {@link SettingsReader}.
 */
public record TopologyConfig<S>(String name, Map<String, String> topics, S settings) {
  public TopologyConfig {
    topics = Map.copyOf(topics);
  }

  /** The topic of a role; a missing role is a programming error since validation checks roles. */
  public String topic(String role) {
    String topic = topics.get(role);
    if (topic == null) {
      throw new IllegalStateException("topology " + name + " has no topic for role '" + role + "'");
    }
    return topic;
  }
}
