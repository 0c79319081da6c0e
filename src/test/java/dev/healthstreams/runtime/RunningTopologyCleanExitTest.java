package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a topology does with the state a crashed run left (CleanExitMarker): dropped before start
 * under exactly_once_v2, kept under at-least-once and after a clean close. No broker is needed: the
 * decision is taken before the stream threads connect, and close does not wait for one.
 */
class RunningTopologyCleanExitTest {
  private static final String APP_ID = "clean-exit-test";

  @TempDir Path stateDir;

  @Test
  void shouldDropTheStateOfACrashedRunUnderExactlyOnce() throws Exception {
    Path leftover = leftTaskState();
    crashedRunMarker();

    try (RunningTopology running = start(StreamsConfig.EXACTLY_ONCE_V2)) {
      assertFalse(Files.exists(leftover), "a dead run's store is not trusted under EOS");
      assertTrue(Files.exists(marker()), "a crash from now on is detectable");
    }
    assertFalse(Files.exists(marker()), "a clean close clears the marker");
  }

  @Test
  void shouldKeepTheStateOfACrashedRunUnderAtLeastOnce() throws Exception {
    Path leftover = leftTaskState();
    crashedRunMarker();

    try (RunningTopology running = start(StreamsConfig.AT_LEAST_ONCE)) {
      assertTrue(Files.exists(leftover));
    }
  }

  @Test
  void shouldKeepTheStateOfARunThatClosedCleanly() throws Exception {
    Path leftover = leftTaskState();

    try (RunningTopology running = start(StreamsConfig.EXACTLY_ONCE_V2)) {
      assertTrue(Files.exists(leftover));
    }
  }

  /** A task directory with a store file in it, as a run leaves behind. */
  private Path leftTaskState() throws Exception {
    Path store = stateDir.resolve(APP_ID).resolve("0_0").resolve("rocksdb").resolve("store");
    Files.createDirectories(store);
    return Files.writeString(store.resolve("000001.sst"), "rows");
  }

  /** What a run leaves when it is killed: the marker it wrote at start. */
  private void crashedRunMarker() throws Exception {
    Files.writeString(marker(), "");
  }

  private Path marker() {
    return stateDir.resolve(APP_ID + ".running");
  }

  /** A topology with a persistent store: Kafka Streams keeps task directories only for those. */
  private static final class LatestByKey implements TopologyDefinition<Void> {
    static final TopicRole<byte[]> IN = TopicRole.tableInput("in", ValueFormat.json(), "in");

    public String name() {
      return "latest-by-key";
    }

    public String description() {
      return "test";
    }

    public List<TopicRole<?>> roles() {
      return List.of(IN, TopicRole.deadLetter());
    }

    public SettingsReader<Void> settingsReader() {
      return node -> null;
    }

    public Topology build(TopologyContext<Void> context) {
      StreamsBuilder builder = context.streamsBuilder();
      builder.table(
          context.topic(IN).name(),
          Consumed.with(Serdes.String(), Serdes.String()).withName("read"),
          Materialized.as(Stores.persistentKeyValueStore("latest")));
      return builder.build();
    }
  }

  private RunningTopology start(String guarantee) {
    BuiltTopology built =
        BuiltTopology.build(
            TopologyConfig.of(
                new LatestByKey(), Map.of("in", "t.in", "dead-letter", "t.dlq"), null),
            new BuildContext(
                new AvroSerdes(SchemaRegistries.connect("mock://clean-exit", Map.of())),
                new SimpleMeterRegistry()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
    // Nothing listens there: the test is over before a thread would need the cluster.
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    return RunningTopology.start(built, props, new SimpleMeterRegistry());
  }
}
