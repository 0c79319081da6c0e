package dev.healthstreams.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One topology's block: its topics by logical role, its own settings, read by its schema's {@link
 * SettingsReader}, kept with that schema, and its {@code streams} settings: Kafka Streams settings
 * of this topology only, over {@code kafka.properties} and the app's defaults (validated at load).
 */
public record TopologyConfig<S>(
    TopologySchema<S> schema,
    Map<String, List<String>> topicsByRole,
    S settings,
    Map<String, String> streams) {
  public TopologyConfig {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    topicsByRole.forEach((role, topics) -> copy.put(role, List.copyOf(topics)));
    topicsByRole = Collections.unmodifiableMap(copy);
    // Order kept, so that a topology's settings print as written.
    streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
  }

  /** A topology with no {@code streams} settings of its own. */
  public TopologyConfig(
      TopologySchema<S> schema, Map<String, List<String>> topicsByRole, S settings) {
    this(schema, topicsByRole, settings, Map.of());
  }

  /** A config whose roles each name one topic. */
  public static <S> TopologyConfig<S> of(
      TopologySchema<S> schema, Map<String, String> topics, S settings) {
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    topics.forEach((role, topic) -> byRole.put(role, List.of(topic)));
    return new TopologyConfig<>(schema, byRole, settings);
  }

  public String name() {
    return schema.name();
  }

  /** The topic of a one-topic role; a missing role is a programming error (validation checks). */
  public String topic(String role) {
    List<String> topics = topics(role);
    if (topics.size() != 1) {
      throw new IllegalStateException(
          "topology " + name() + " role '" + role + "' names " + topics.size() + " topics");
    }
    return topics.get(0);
  }

  /** Every topic of a role. */
  public List<String> topics(String role) {
    List<String> topics = topicsByRole.get(role);
    if (topics == null) {
      throw new IllegalStateException(
          "topology " + name() + " has no topic for role '" + role + "'");
    }
    return topics;
  }

  public boolean hasRole(String role) {
    return topicsByRole.containsKey(role);
  }

  /** The same topology on other topics (bench runs, tests). */
  public TopologyConfig<S> withTopics(Map<String, List<String>> topics) {
    return new TopologyConfig<>(schema, topics, settings, streams);
  }

  /** The same topology with other {@code streams} settings (bench runs, tests); not validated. */
  public TopologyConfig<S> withStreams(Map<String, String> newStreams) {
    return new TopologyConfig<>(schema, topicsByRole, settings, newStreams);
  }
}
