package dev.healthstreams.cli;

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
 * A test-only topology whose input role reads several topics (one per source system): writes {@code
 * "from <topic>"} for each record, so a test sees which topic a record was fed to.
 */
final class SeveralSourcesTestTopology implements TopologyDefinition<String> {
  static final String NAME = "several-sources-test";
  static final TopicRole<byte[]> SOURCES =
      TopicRole.streamInput("sources", ValueFormat.json(), "one topic per source").reading(true);
  static final TopicRole<byte[]> OUT = TopicRole.output("out", ValueFormat.json(), "from lines");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tags each record with its source topic (a test topology)";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(SOURCES, OUT, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<String> settingsReader() {
    return block -> "";
  }

  @Override
  public Topology build(TopologyContext<String> context) {
    Topic<String, byte[]> out = context.topic(OUT);
    StreamsBuilder builder = context.streamsBuilder();
    for (Topic<String, byte[]> source : context.topics(SOURCES)) {
      byte[] tag = ("from " + source.name()).getBytes(StandardCharsets.UTF_8);
      builder.stream(source.name(), source.consumed("read-" + source.name()))
          .mapValues(value -> tag, Named.as("tag-" + source.name()))
          .to(out.name(), out.produced("write-" + source.name()));
    }
    return builder.build();
  }
}
