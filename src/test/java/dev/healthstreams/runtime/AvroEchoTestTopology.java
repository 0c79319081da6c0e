package dev.healthstreams.runtime;

import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * A test-only topology with an Avro stream input (not a global table, which the knowledge role of
 * medication-interaction is): writes {@code "seen <interactionId>"} for each record.
 */
final class AvroEchoTestTopology implements TopologyDefinition<String> {
  static final String NAME = "avro-echo-test";
  static final TopicRole<KnowledgeInteraction> INTERACTIONS =
      TopicRole.streamInput(
          "interactions", ValueFormat.avro(KnowledgeInteraction.class), "Avro records");
  static final TopicRole<byte[]> OUT = TopicRole.output("out", ValueFormat.json(), "seen lines");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "echoes the ids of Avro records (a test topology)";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(INTERACTIONS, OUT, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<String> settingsReader() {
    return block -> "";
  }

  @Override
  public Topology build(TopologyContext<String> context) {
    Topic<String, KnowledgeInteraction> in = context.topic(INTERACTIONS);
    Topic<String, byte[]> out = context.topic(OUT);
    StreamsBuilder builder = context.streamsBuilder();
    builder.stream(in.name(), in.consumed("read-interactions"))
        .mapValues(
            value -> ("seen " + value.getInteractionId()).getBytes(StandardCharsets.UTF_8),
            Named.as("echo"))
        .to(out.name(), out.produced("write-out"));
    return builder.build();
  }
}
