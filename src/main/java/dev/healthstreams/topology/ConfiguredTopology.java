package dev.healthstreams.topology;

import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.topology.query.QueryEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.Topology;

/**
 * A definition with the settings the loader read for it: the pair every caller works with, so none
 * looks a definition up by name again or casts its settings.
 */
public record ConfiguredTopology<S>(TopologyDefinition<S> definition, TopologyConfig<S> config) {

  /**
   * The loader keeps each block with the schema that read it; for a topology that schema is its
   * definition. A plain schema (a loader test's) is not a topology.
   */
  public static ConfiguredTopology<?> of(TopologyConfig<?> config) {
    return typed(config);
  }

  private static <S> ConfiguredTopology<S> typed(TopologyConfig<S> config) {
    if (!(config.schema() instanceof TopologyDefinition<S> definition)) {
      throw new IllegalArgumentException(config.name() + " was not read by a topology definition");
    }
    return new ConfiguredTopology<>(definition, config);
  }

  public String name() {
    return definition.name();
  }

  /** Builds the graph; a store or topic left with a name Kafka generated is refused. */
  public Topology build(BuildContext context) {
    Topology topology = definition.build(new TopologyContext<>(config, context));
    Set<String> generated = GeneratedNames.in(topology);
    if (!generated.isEmpty()) {
      throw new IllegalStateException(
          "topology " + name() + " leaves stores or topics unnamed: " + generated);
    }
    return topology;
  }

  public List<TopicSeed<?>> seeds() {
    return definition.seeds(config.settings());
  }

  public List<QueryEndpoint> queries() {
    return definition.queries(config.settings());
  }

  /** The queries, counting what they count (a decision asked over HTTP, say) in {@code metrics}. */
  public List<QueryEndpoint> queries(MeterRegistry metrics) {
    return definition.queries(config.settings(), metrics);
  }

  public List<TopicRole<?>> roles() {
    return definition.roles();
  }

  public String topic(String role) {
    return config.topic(role);
  }

  public List<String> topics(String role) {
    return config.topics(role);
  }
}
