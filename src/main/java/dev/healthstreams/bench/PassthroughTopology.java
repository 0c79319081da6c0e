package dev.healthstreams.bench;

import dev.healthstreams.avro.BenchRecord;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicRole.Kind;
import dev.healthstreams.topology.TopologyFactory;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark's ceiling: the same Observations read with the app's cheap FHIR reader and written
 * as a small Avro record, no logic, no state, no repartition. Not a product topology (not in the
 * catalog); it exists so the bench can measure the broker + Streams + serde cost of this machine.
 */
public final class PassthroughTopology implements TopologyFactory<Void> {
  public static final String NAME = "passthrough";
  public static final String OBSERVATIONS = "observations";
  public static final String OUTPUT = "output";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Benchmark ceiling: FHIR Observation JSON in, a small Avro record out, nothing else";
  }

  @Override
  public List<TopicRole> topicRoles() {
    return List.of(
        new TopicRole(OBSERVATIONS, Kind.STREAM_INPUT, "FHIR R4 Observations, keyed by id"),
        new TopicRole(OUTPUT, Kind.OUTPUT, "BenchRecord (Avro), keyed by Observation id"),
        new TopicRole(TopicRole.DEAD_LETTER_ROLE, Kind.DEAD_LETTER, "unreadable records"));
  }

  @Override
  public SettingsReader<Void> settingsReader() {
    return node -> null;
  }

  @Override
  public Topology build(TopologyConfig<Void> config, BuildContext context) {
    ObservationReader reader = new ObservationReader();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            config.topic(OBSERVATIONS),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-observations"))
        .mapValues(json -> toRecord(reader.read(json)), Named.as("read-fhir"))
        .to(
            config.topic(OUTPUT),
            Produced.with(Serdes.String(), context.avro().specific(BenchRecord.class))
                .withName("write-output"));
    return builder.build();
  }

  static BenchRecord toRecord(ObservationFacts facts) {
    return BenchRecord.newBuilder()
        .setId(facts.id() == null ? "" : facts.id())
        .setStatus(facts.status())
        .setSubject(facts.subjectReference())
        .setEffectiveTime(facts.effectiveTime())
        .setElements(facts.elements().size())
        .build();
  }
}
