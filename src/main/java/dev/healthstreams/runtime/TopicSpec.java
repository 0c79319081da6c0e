package dev.healthstreams.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic the app needs: its name, partition count, replication factor (-1: the broker's default)
 * and the topic configs it must have (cleanup policy, retention), in a stable order.
 */
public record TopicSpec(
    String name, int partitions, short replication, Map<String, String> configs) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be at least 1, was " + partitions);
    }
    if (replication < 1 && replication != -1) {
      throw new IllegalArgumentException(
          "topic " + name + ": replication must be at least 1 (or -1), was " + replication);
    }
    configs = java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
  }

  /** A plain topic, or a compacted one (a table). */
  public TopicSpec(String name, int partitions, short replication, boolean compacted) {
    this(
        name,
        partitions,
        replication,
        // Always stated, so that a compacted topic where a plain one belongs is reported too.
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
  }

  public boolean compacted() {
    return configs
        .getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
        .contains(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  public String cleanupPolicy() {
    return configs.getOrDefault(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
  }
}
