package dev.healthstreams.topology;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;

/** A store or internal topic left with a name Kafka generated fails the build. */
class UnnamedResourcesTest {
  private static final TopicRole<byte[]> IN = TopicRole.streamInput("in", ValueFormat.json(), "in");

  /** A topology that counts per key; the builder and the count's naming are the test's. */
  private record Counting(Function<TopologyContext<Void>, StreamsBuilder> builders)
      implements TopologyDefinition<Void> {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String description() {
      return "test";
    }

    @Override
    public List<TopicRole<?>> roles() {
      return List.of(IN, TopicRole.deadLetter());
    }

    @Override
    public SettingsReader<Void> settingsReader() {
      return node -> null;
    }

    @Override
    public Topology build(TopologyContext<Void> context) {
      StreamsBuilder builder = builders.apply(context);
      builder.stream(
              context.topic(IN).name(),
              Consumed.with(Serdes.String(), Serdes.String()).withName("read"))
          .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
          .count(Named.as("count")); // no Materialized.as: the store's name is generated
      return builder.build();
    }
  }

  private static Topology build(Function<TopologyContext<Void>, StreamsBuilder> builders) {
    ConfiguredTopology<Void> configured =
        new ConfiguredTopology<>(
            new Counting(builders),
            TopologyConfig.of(
                new Counting(builders), Map.of("in", "t.in", "dead-letter", "t.dlq"), null));
    return configured.build(
        new BuildContext(
            new AvroSerdes(SchemaRegistries.connect("mock://unnamed", Map.of())),
            new SimpleMeterRegistry()));
  }

  @Test
  void shouldRefuseAGeneratedStoreNameWhateverBuilderMadeIt() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> build(context -> new StreamsBuilder()));

    assertTrue(error.getMessage().contains("counting"), error.getMessage());
    assertTrue(error.getMessage().contains("KSTREAM-AGGREGATE-STATE-STORE"), error.getMessage());
  }
}
