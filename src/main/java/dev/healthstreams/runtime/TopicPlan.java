package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.topology.TopicRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics a set of topologies needs, derived from their roles: inputs, outputs, extra sinks
 * (routes) and dead letters, with table inputs and table outputs compacted; and for the `topics`
 * command also the internal repartition and changelog topics Kafka Streams creates. Embedded mode,
 * bench, tests and the `topics` command all take their topic list from here.
 */
public final class TopicPlan {
  private TopicPlan() {}

  /** A topic with what it is for: "input patients (table)", "repartition", "changelog"... */
  public record PlannedTopic(String topology, String purpose, TopicSpec spec) {}

  public static Map<String, TopicSpec> external(
      Collection<BuiltTopology> topologies, int partitions, short replication) {
    Map<String, TopicSpec> specs = new LinkedHashMap<>();
    for (PlannedTopic topic : externalTopics(topologies, partitions, replication, Map.of())) {
      specs.putIfAbsent(topic.spec().name(), topic.spec());
    }
    return specs;
  }

  /**
   * Every topic, external then internal, per topology.
   *
   * @param partitions the partition count of external topics that do not exist yet
   * @param existing partition counts of topics that exist (they decide internal topics' counts)
   */
  public static List<PlannedTopic> all(
      AppConfig config,
      Collection<BuiltTopology> topologies,
      int partitions,
      short replication,
      Map<String, Integer> existing) {
    List<PlannedTopic> planned =
        new ArrayList<>(externalTopics(topologies, partitions, replication, existing));
    Map<String, Integer> partitionsOf = new HashMap<>();
    planned.forEach(p -> partitionsOf.put(p.spec().name(), p.spec().partitions()));
    for (BuiltTopology topology : topologies) {
      var props = StreamsProperties.forTopology(config, topology, new DeadLetterCounter(null));
      for (InternalTopics.Internal internal :
          InternalTopics.of(topology.topology(), props, partitionsOf)) {
        planned.add(
            new PlannedTopic(
                topology.name(),
                internal.changelog() ? "changelog" : "repartition",
                new TopicSpec(
                    internal.name(), internal.partitions(), replication, internal.configs())));
      }
    }
    return planned;
  }

  private static List<PlannedTopic> externalTopics(
      Collection<BuiltTopology> topologies,
      int partitions,
      short replication,
      Map<String, Integer> existing) {
    List<PlannedTopic> planned = new ArrayList<>();
    for (BuiltTopology topology : topologies) {
      List<String> topics = new ArrayList<>(topology.sourceTopics());
      topics.addAll(topology.sinkTopics());
      for (String topic : topics) {
        boolean compacted = topology.roleOf(topic).map(TopicRole::compacted).orElse(false);
        int count = existing.getOrDefault(topic, partitions);
        planned.add(
            new PlannedTopic(
                topology.name(),
                purpose(topology, topic),
                new TopicSpec(topic, count, replication, compacted)));
      }
    }
    return planned;
  }

  /** What an external topic is to a topology, as `topics` prints it. */
  static String purpose(BuiltTopology topology, String topic) {
    return topology
        .roleOf(topic)
        .map(
            role ->
                switch (role.kind()) {
                  case STREAM_INPUT -> "input " + role.name();
                  case TABLE_INPUT -> "input " + role.name() + " (table)";
                  case OUTPUT -> "output " + role.name() + (role.compacted() ? " (table)" : "");
                  case DEAD_LETTER -> "dead letters";
                })
        .orElse(
            topology.extraSourceTopics().contains(topic)
                ? "input (from settings)"
                : "output (route)");
  }
}
