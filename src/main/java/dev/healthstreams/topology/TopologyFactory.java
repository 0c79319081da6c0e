package dev.healthstreams.topology;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.config.TopologySchema;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.List;
import org.apache.kafka.streams.Topology;

/** A named topology: what it reads and writes, how its settings are read, how it is built. */
public interface TopologyFactory<S> {
  String name();

  String description();

  List<TopicRole> topicRoles();

  SettingsReader<S> settingsReader();

  Topology build(TopologyConfig<S> config, BuildContext context);

  /** What the topology's table-like inputs must hold from its config; none by default. */
  default List<TopicSeed<?>> seeds(TopologyConfig<S> config) {
    return List.of();
  }

  /**
   * The HTTP queries the topology answers from its stores (served by the runtime); none by default.
   */
  default List<QueryEndpoint> queries(TopologyConfig<S> config) {
    return List.of();
  }

  default TopologySchema schema() {
    return new TopologySchema(
        name(), topicRoles().stream().map(TopicRole::name).toList(), settingsReader());
  }
}
