package dev.healthstreams.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicConfig;
import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder;
import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder.TopicsInfo;

/**
 * The internal topics Kafka Streams creates for a topology (repartitions, changelogs, foreign-key
 * subscriptions), with the names, partition counts and configs Kafka Streams itself computes, so an
 * operator can create them beforehand or grant ACLs for them.
 *
 * <p>Kafka has no public API for this: it is read from the topology's internal builder, the way
 * KafkaStreams does at start; {@code CliTopicsTest} and {@code TopicsCommandIT} fail loudly if a
 * Kafka upgrade moves it.
 */
public final class InternalTopics {
  private InternalTopics() {}

  /** An internal topic and whether it is a changelog (else a repartition or subscription topic). */
  public record Internal(
      String name, boolean changelog, int partitions, Map<String, String> configs) {}

  /**
   * @param props the topology's streams properties (application id, window retention)
   * @param partitionsOf partition count of each external source topic
   */
  public static List<Internal> of(
      Topology topology, Properties props, Map<String, Integer> partitionsOf) {
    StreamsConfig config = new StreamsConfig(props);
    InternalTopologyBuilder builder = builderOf(topology);
    builder.setApplicationId(config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
    builder.rewriteTopology(config);
    // Building is what maps stores to their changelog topics.
    builder.buildTopology();
    Collection<TopicsInfo> subtopologies = builder.subtopologyToTopicsInfo().values();
    Map<String, Integer> partitions = new HashMap<>(partitionsOf);
    resolveRepartitionCounts(subtopologies, partitions);
    long windowRetention =
        config.getLong(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG);
    Map<String, Internal> internal = new LinkedHashMap<>();
    for (TopicsInfo info : subtopologies) {
      for (InternalTopicConfig topic : info.repartitionSourceTopics.values()) {
        internal.putIfAbsent(
            topic.name(),
            new Internal(
                topic.name(),
                false,
                partitions.getOrDefault(topic.name(), 1),
                topic.properties(Map.of(), windowRetention)));
      }
      int tasks = tasks(info.sourceTopics, partitions);
      for (InternalTopicConfig topic : info.stateChangelogTopics.values()) {
        internal.putIfAbsent(
            topic.name(),
            new Internal(topic.name(), true, tasks, topic.properties(Map.of(), windowRetention)));
      }
    }
    return new ArrayList<>(internal.values());
  }

  /**
   * A repartition topic has the partitions it was given, else as many as the widest sub-topology
   * writing to it, which may itself read a repartition topic: resolved until nothing changes.
   */
  private static void resolveRepartitionCounts(
      Collection<TopicsInfo> subtopologies, Map<String, Integer> partitions) {
    for (TopicsInfo info : subtopologies) {
      for (InternalTopicConfig topic : info.repartitionSourceTopics.values()) {
        topic.numberOfPartitions().ifPresent(n -> partitions.put(topic.name(), n));
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (TopicsInfo writer : subtopologies) {
        int width = tasks(writer.sourceTopics, partitions);
        for (String sink : writer.sinkTopics) {
          if (isRepartition(sink, subtopologies) && width > partitions.getOrDefault(sink, 0)) {
            partitions.put(sink, width);
            changed = true;
          }
        }
      }
    }
  }

  private static boolean isRepartition(String topic, Collection<TopicsInfo> subtopologies) {
    return subtopologies.stream().anyMatch(i -> i.repartitionSourceTopics.containsKey(topic));
  }

  private static int tasks(Set<String> sources, Map<String, Integer> partitions) {
    return sources.stream().mapToInt(t -> partitions.getOrDefault(t, 0)).max().orElse(1);
  }

  private static InternalTopologyBuilder builderOf(Topology topology) {
    try {
      Field field = Topology.class.getDeclaredField("internalTopologyBuilder");
      field.setAccessible(true);
      return (InternalTopologyBuilder) field.get(topology);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Kafka's Topology no longer has an internalTopologyBuilder", e);
    }
  }
}
