package dev.healthstreams.bench;

import dev.healthstreams.avro.BenchRecord;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The benchmark's ceiling: the same Observations read with the app's cheap FHIR reader and written
 * as a small Avro record, no logic, no state, no repartition. Not a product topology (not in the
 * catalog); it exists so the bench can measure the broker + Streams + serde cost of this machine.
 */
public final class PassthroughTopology implements TopologyDefinition<Void> {
  public static final String NAME = "passthrough";
  public static final TopicRole<byte[]> OBSERVATIONS =
      TopicRole.streamInput(
              "observations", ValueFormat.fhir("Observation"), "FHIR R4 Observations, keyed by id")
          .withSample("/sample/Observation.ndjson.gz");
  public static final TopicRole<BenchRecord> OUTPUT =
      TopicRole.output(
          "output", ValueFormat.avro(BenchRecord.class), "BenchRecord, keyed by Observation id");

  /** Its topics: the pass-through is not in topologies.yaml. */
  public static TopologyConfig<Void> config() {
    return TopologyConfig.of(
        new PassthroughTopology(),
        Map.of(
            OBSERVATIONS.name(),
            "fhir.observation",
            OUTPUT.name(),
            "bench.passthrough",
            TopicRole.DEAD_LETTER_ROLE,
            "bench.passthrough.dlq"),
        null);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Benchmark ceiling: FHIR Observation JSON in, a small Avro record out, nothing else";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(OBSERVATIONS, OUTPUT, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<Void> settingsReader() {
    return node -> null;
  }

  @Override
  public Topology build(TopologyContext<Void> context) {
    ObservationReader reader = new ObservationReader();
    StreamsBuilder builder = context.streamsBuilder();
    Topic<String, byte[]> input = context.topic(OBSERVATIONS);
    Topic<String, BenchRecord> output = context.topic(OUTPUT);
    builder.stream(input.name(), input.consumed("read-observations"))
        .mapValues(json -> toRecord(reader.read(json)), Named.as("read-fhir"))
        .to(output.name(), output.produced("write-output"));
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
