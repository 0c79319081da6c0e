package dev.healthstreams.topology;

import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;

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
   * The builder every topology starts from. Its graph is checked when built ({@link
   * ConfiguredTopology#build}): a store or internal topic left with a name Kafka generated fails.
   * Kafka's own check ({@code ensure.explicit.internal.resource.naming} on the builder) is not
   * used: it also refuses the name Kafka gives a foreign-key join's result table, which is no store
   * at all unless materialized, and materializing it to name it cost medication-interaction a
   * quarter of its throughput.
   */
  public StreamsBuilder streamsBuilder() {
    return new StreamsBuilder();
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
