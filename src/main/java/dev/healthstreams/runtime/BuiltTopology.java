package dev.healthstreams.runtime;

import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyFactory;
import dev.healthstreams.topology.query.QueryEndpoint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/** A topology built from its factory and config, with the topics it touches. */
public record BuiltTopology(
    TopologyFactory<?> factory, TopologyConfig<?> config, Topology topology) {

  public static BuiltTopology build(
      TopologyFactory<?> factory, TopologyConfig<?> config, BuildContext context) {
    return new BuiltTopology(factory, config, buildUnchecked(factory, config, context));
  }

  @SuppressWarnings("unchecked")
  private static <S> Topology buildUnchecked(
      TopologyFactory<S> factory, TopologyConfig<?> config, BuildContext context) {
    return factory.build((TopologyConfig<S>) config, context);
  }

  @SuppressWarnings("unchecked")
  public List<TopicSeed<?>> seeds() {
    return seedsUnchecked((TopologyFactory<Object>) factory, (TopologyConfig<Object>) config);
  }

  private static <S> List<TopicSeed<?>> seedsUnchecked(
      TopologyFactory<S> factory, TopologyConfig<S> config) {
    return factory.seeds(config);
  }

  @SuppressWarnings("unchecked")
  public List<QueryEndpoint> queries() {
    return ((TopologyFactory<Object>) factory).queries((TopologyConfig<Object>) config);
  }

  public String name() {
    return factory.name();
  }

  public String deadLetterTopic() {
    return config.topic(TopicRole.DEAD_LETTER_ROLE);
  }

  /** External topics the topology reads (not its internal repartition topics). */
  public Set<String> sourceTopics() {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRole role : factory.topicRoles()) {
      if (role.isInput()) {
        topics.add(config.topic(role.name()));
      }
    }
    return topics;
  }

  /**
   * Every external topic written: output roles, extra sinks such as routes, the dead letters.
   * Internal topics (repartitions, foreign-key subscriptions) are those the topology also reads.
   */
  public Set<String> sinkTopics() {
    Set<String> sinks = new LinkedHashSet<>();
    Set<String> read = new LinkedHashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          sinks.add(sink.topic());
        } else if (node instanceof TopologyDescription.Source source) {
          read.addAll(source.topicSet());
        }
      }
    }
    sinks.removeAll(read);
    sinks.add(deadLetterTopic());
    return sinks;
  }

  public List<TopicRole> tableInputs() {
    return factory.topicRoles().stream()
        .filter(r -> r.kind() == TopicRole.Kind.TABLE_INPUT)
        .toList();
  }
}
