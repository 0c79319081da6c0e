package dev.healthstreams.topology;

import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@link TopologyDefinition#build} works with: its settings, typed topics per role (name plus
 * the serdes the role's format calls for), Avro serdes and metrics.
 */
public final class TopologyContext<S> {
  private final TopologyConfig<S> config;
  private final BuildContext build;

  public TopologyContext(TopologyConfig<S> config, BuildContext build) {
    this.config = config;
    this.build = build;
  }

  public String name() {
    return config.name();
  }

  public S settings() {
    return config.settings();
  }

  /** The one topic of a role, keyed by string ids, valued as the role's format says. */
  public <V> Topic<String, V> topic(TopicRole<V> role) {
    return new Topic<>(config.topic(role.name()), Serdes.String(), role.format().serde(avro()));
  }

  /** Every topic of a role that reads several. */
  public <V> List<Topic<String, V>> topics(TopicRole<V> role) {
    Serde<V> serde = role.format().serde(avro());
    return config.topics(role.name()).stream()
        .map(name -> new Topic<>(name, Serdes.String(), serde))
        .toList();
  }

  /**
   * A builder that refuses an unnamed store, repartition or changelog topic when the topology is
   * built, so a name that Kafka would generate (and change with the next edit of the graph, losing
   * the state behind it on upgrade) fails every test instead of warning at start.
   */
  public StreamsBuilder streamsBuilder() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, name());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return new StreamsBuilder(
        new org.apache.kafka.streams.TopologyConfig(new StreamsConfig(props)));
  }

  public <V extends SpecificRecord> Serde<V> avro(Class<V> type) {
    return build.avro().specific(type);
  }

  public AvroSerdes avro() {
    return build.avro();
  }

  public MeterRegistry metrics() {
    return build.metrics();
  }

  public TopologyConfig<S> config() {
    return config;
  }
}
