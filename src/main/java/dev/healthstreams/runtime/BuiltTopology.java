package dev.healthstreams.runtime;

import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.ConfiguredTopology;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.query.QueryEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/** A configured topology built into its Kafka Streams graph, with the topics it touches. */
public record BuiltTopology(ConfiguredTopology<?> configured, Topology topology) {

  public static BuiltTopology build(ConfiguredTopology<?> configured, BuildContext context) {
    return new BuiltTopology(configured, configured.build(context));
  }

  public static BuiltTopology build(TopologyConfig<?> config, BuildContext context) {
    return build(ConfiguredTopology.of(config), context);
  }

  public TopologyDefinition<?> definition() {
    return configured.definition();
  }

  public TopologyConfig<?> config() {
    return configured.config();
  }

  public List<TopicSeed<?>> seeds() {
    return configured.seeds();
  }

  public List<QueryEndpoint> queries() {
    return configured.queries();
  }

  public List<QueryEndpoint> queries(MeterRegistry metrics) {
    return configured.queries(metrics);
  }

  public String name() {
    return configured.name();
  }

  public String deadLetterTopic() {
    return config().topic(TopicRole.DEAD_LETTER_ROLE);
  }

  /** Topics of the roles of one kind, in role order. */
  public List<String> topicsOf(TopicRole.Kind kind) {
    return configured.roles().stream()
        .filter(r -> r.kind() == kind)
        .flatMap(r -> config().topics(r.name()).stream())
        .toList();
  }

  /**
   * External topics the topology reads (not its internal repartition topics): its input roles' and
   * any its settings name (consent-table's gates), so that those are checked and planned too.
   */
  public Set<String> sourceTopics() {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRole<?> role : configured.roles()) {
      if (role.isInput()) {
        topics.addAll(config().topics(role.name()));
      }
    }
    topics.addAll(extraSourceTopics());
    return topics;
  }

  /**
   * Topics the graph reads that no role names and the topology does not write itself (what it
   * writes and reads back is internal: repartitions, foreign-key subscriptions).
   */
  public Set<String> extraSourceTopics() {
    Set<String> read = new LinkedHashSet<>();
    Set<String> written = new LinkedHashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          written.add(sink.topic());
        } else if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          read.addAll(source.topicSet());
        }
      }
    }
    read.removeAll(written);
    configured.roles().forEach(role -> read.removeAll(config().topics(role.name())));
    return read;
  }

  /**
   * Every external topic written: output roles, extra sinks such as routes, the dead letters.
   * Internal topics (repartitions, foreign-key subscriptions) are those the topology also reads.
   */
  public Set<String> sinkTopics() {
    Set<String> sinks = new LinkedHashSet<>(topicsOf(TopicRole.Kind.OUTPUT));
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

  /** The role a topic plays, if it is one of the roles' topics (routes are not). */
  public java.util.Optional<TopicRole<?>> roleOf(String topic) {
    return configured.roles().stream()
        .filter(r -> config().topics(r.name()).contains(topic))
        .findFirst();
  }
}
