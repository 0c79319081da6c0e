package dev.healthstreams.runtime;

import dev.healthstreams.topology.TopicRole;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The external topics a set of topologies needs, derived from their roles: inputs, outputs, extra
 * sinks (routes) and dead letters, with table inputs and table outputs compacted. Embedded mode,
 * bench, tests and the `topics` command all take their topic list from here.
 */
public final class TopicPlan {
  private TopicPlan() {}

  public static Map<String, TopicSpec> external(
      Collection<BuiltTopology> topologies, int partitions, short replication) {
    Map<String, TopicSpec> specs = new LinkedHashMap<>();
    for (BuiltTopology topology : topologies) {
      for (String topic : topology.sourceTopics()) {
        specs.putIfAbsent(topic, spec(topology, topic, partitions, replication));
      }
      for (String topic : topology.sinkTopics()) {
        specs.putIfAbsent(topic, spec(topology, topic, partitions, replication));
      }
    }
    return specs;
  }

  private static TopicSpec spec(
      BuiltTopology topology, String topic, int partitions, short replication) {
    boolean compacted = topology.roleOf(topic).map(TopicRole::compacted).orElse(false);
    return new TopicSpec(topic, partitions, replication, compacted);
  }
}
