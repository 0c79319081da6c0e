package dev.healthstreams.bench;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The benchmark's read-only ceiling: the pass-through's Observations read and parsed with the same
 * cheap FHIR reader, and nothing written. A topology that writes a small share of what it reads
 * (observation-alerting writes about 1.6 %) is bounded by reading, so this, not the pass-through,
 * is the ceiling its ratio is honest against. Not a product topology, like the pass-through.
 */
public final class ReadOnlyTopology implements TopologyDefinition<Void> {
  public static final String NAME = "read-only";

  /** Its topics: not in topologies.yaml. */
  public static TopologyConfig<Void> config() {
    return TopologyConfig.of(
        new ReadOnlyTopology(),
        Map.of(
            PassthroughTopology.OBSERVATIONS.name(),
            "fhir.observation",
            TopicRole.DEAD_LETTER_ROLE,
            "bench.read-only.dlq"),
        null);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Benchmark ceiling: FHIR Observation JSON in and parsed, nothing written";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(PassthroughTopology.OBSERVATIONS, TopicRole.deadLetter());
  }

  /** Timed on its input; no output, so no latency. */
  @Override
  public Optional<BenchRoles> benchRoles() {
    return Optional.of(new BenchRoles(PassthroughTopology.OBSERVATIONS.name(), null));
  }

  @Override
  public SettingsReader<Void> settingsReader() {
    return node -> null;
  }

  @Override
  public Topology build(TopologyContext<Void> context) {
    ObservationReader reader = new ObservationReader();
    StreamsBuilder builder = context.streamsBuilder();
    Topic<String, byte[]> input = context.topic(PassthroughTopology.OBSERVATIONS);
    // Each record parsed as the pass-through parses it, then dropped: a sink-less stream still
    // commits its input offsets, which is what the bench times.
    builder.stream(input.name(), input.consumed("read-observations"))
        .foreach((id, json) -> reader.read(json), Named.as("read-fhir"));
    return builder.build();
  }
}
