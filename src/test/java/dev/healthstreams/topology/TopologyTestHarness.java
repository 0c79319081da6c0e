package dev.healthstreams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.StateDirectory;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A TopologyTestDriver over one topology built the way the app builds it: YAML through the app's
 * ConfigLoader, BuiltTopology, StreamsProperties (dead-letter handlers included), Avro serdes over
 * the {@code mock://} registry the YAML names. Each topology's test driver adds its topics and
 * fixtures on top.
 */
public final class TopologyTestHarness implements AutoCloseable {
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final AvroSerdes avro;
  public final BuiltTopology built;
  public final TopologyTestDriver driver;

  /**
   * @param start the wall clock and the time of records piped without one
   */
  public TopologyTestHarness(String yaml, String topologyName, Path stateDir, Instant start) {
    AppConfig config =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "test.yaml");
    avro = new AvroSerdes(SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of()));
    built =
        BuiltTopology.build(
            config.topology(topologyName).orElseThrow(), new BuildContext(avro, meters));
    Properties props = StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(built.topology(), props, start);
  }

  /** The count of a counter by name and tags, 0 when it was never registered. */
  public double count(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0.0 : counter.count();
  }

  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Asserts a dead letter is the bad record as it came (key, value) with the app's headers: its
   * reason, the topology, where it came from, and an error class.
   */
  public static void assertDeadLetter(
      TestRecord<byte[], byte[]> letter,
      String key,
      byte[] value,
      String reason,
      String topology,
      String sourceTopic,
      long sourceOffset) {
    assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), letter.key());
    assertArrayEquals(value, letter.value());
    Headers h = letter.headers();
    assertEquals(reason, header(h, DeadLetterHeaders.REASON));
    assertEquals(topology, header(h, DeadLetterHeaders.TOPOLOGY));
    assertEquals(sourceTopic, header(h, DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals("0", header(h, DeadLetterHeaders.SOURCE_PARTITION));
    assertEquals(String.valueOf(sourceOffset), header(h, DeadLetterHeaders.SOURCE_OFFSET));
    assertNotNull(header(h, DeadLetterHeaders.ERROR_CLASS));
  }

  /**
   * Closes as KafkaStreams.close() does, stores flushed and checkpointed, but leaves the state
   * directory on disk for a restart: TopologyTestDriver.close() ends by wiping it, so its private
   * state directory is swapped for one over {@code scratch} first. Fails loudly if a Kafka upgrade
   * renames the field.
   */
  public void closeKeepingState(Path scratch) {
    try {
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scratch");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
      props.put(StreamsConfig.STATE_DIR_CONFIG, scratch.toString());
      props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
      Field field = TopologyTestDriver.class.getDeclaredField("stateDirectory");
      field.setAccessible(true);
      field.set(driver, new StateDirectory(new StreamsConfig(props), Time.SYSTEM, true, false));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("TopologyTestDriver no longer has a stateDirectory field", e);
    }
    close();
  }

  @Override
  public void close() {
    driver.close();
    meters.close();
  }
}
