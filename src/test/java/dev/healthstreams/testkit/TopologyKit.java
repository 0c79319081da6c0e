package dev.healthstreams.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopicSeed;
import dev.healthstreams.topology.TopologyRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One topology in a TopologyTestDriver, built the way the app builds it: the YAML through the
 * registry's loader, {@link BuiltTopology}, {@link StreamsProperties} (dead-letter handlers
 * included), Avro serdes over the registry the YAML names. Topics are typed by their role's format
 * (Avro roles decode to the record class, FHIR and JSON roles stay bytes), keys are strings. The
 * definition's seeds are piped before anything else, as the runtime publishes them at start.
 *
 * <p>Usually opened by {@link TopologyKitExtension}, which gives each test class its own {@code
 * mock://} registry scope and each test its own state directory, and closes the kit after the test.
 */
public final class TopologyKit implements AutoCloseable {
  /** The environment variable {@link #yaml} reads the schema registry URL from. */
  public static final String REGISTRY_VARIABLE = "TEST_SCHEMA_REGISTRY_URL";

  /** The environment variable {@link #yaml} reads the state directory from. */
  public static final String STATE_DIR_VARIABLE = "TEST_STATE_DIR";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AvroSerdes avro;
  private final BuiltTopology built;
  private final TopologyTestDriver driver;
  private final Instant start;

  /**
   * @param environment for {@code ${NAME}} in the YAML (the kit's registry and state directory)
   * @param stateDir where the driver keeps its stores, whatever the YAML says: a test never writes
   *     outside its own directory
   * @param start the wall clock, and the time of records piped without one
   */
  public TopologyKit(
      TopologyRegistry registry,
      String yaml,
      String topology,
      Map<String, String> environment,
      Path stateDir,
      Instant start) {
    this.start = start;
    AppConfig config = registry.loader(environment).load(yaml, "test.yaml");
    avro = new AvroSerdes(SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of()));
    built =
        BuiltTopology.build(
            config
                .topology(topology)
                .orElseThrow(() -> new IllegalArgumentException("no topology " + topology)),
            new BuildContext(avro, meters));
    Properties props = StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(built.topology(), props, start);
    for (TopicSeed<?> seed : built.seeds()) {
      pipeSeed(seed);
    }
  }

  /**
   * A whole config file over the kit's registry and state directory, with {@code topologies} (one
   * or more blocks, not indented: {@code "observation-alerting:\n topics: ..."}) under {@code
   * topologies}.
   */
  public static String yaml(String topologies) {
    return """
        kafka: {bootstrap-servers: "dummy:9092", schema-registry-url: "${%s}"}
        app: {state-dir: "${%s}"}
        topologies:
        %s"""
        .formatted(REGISTRY_VARIABLE, STATE_DIR_VARIABLE, topologies.indent(2));
  }

  /** Records piped to the role's (first) topic, values in the role's format. */
  public <V> TestInputTopic<String, V> input(TopicRole<V> role) {
    return input(role, topic(role));
  }

  /** Records piped to one of the role's topics (a role that reads several). */
  public <V> TestInputTopic<String, V> input(TopicRole<V> role, String topic) {
    Serde<V> serde = role.format().serde(avro);
    return driver.createInputTopic(
        topic, new StringSerializer(), serde.serializer(), start, Duration.ZERO);
  }

  /** FHIR or JSON text piped to a bytes role's topic, for fixtures written as strings. */
  public TestInputTopic<String, String> textInput(TopicRole<byte[]> role) {
    return driver.createInputTopic(
        topic(role), new StringSerializer(), new StringSerializer(), start, Duration.ZERO);
  }

  /** What the topology wrote to the role's (first) topic, decoded by the role's format. */
  public <V> TestOutputTopic<String, V> output(TopicRole<V> role) {
    return output(role, topic(role));
  }

  /** What the topology wrote to a topic in the role's format: a route, one of several topics. */
  public <V> TestOutputTopic<String, V> output(TopicRole<V> role, String topic) {
    return driver.createOutputTopic(
        topic, new StringDeserializer(), role.format().serde(avro).deserializer());
  }

  /** The dead letters as written: the original key and value bytes, with their headers. */
  public TestOutputTopic<byte[], byte[]> deadLetters() {
    return driver.createOutputTopic(
        built.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The configured topic of a role (the first, for a role that reads several). */
  public String topic(TopicRole<?> role) {
    List<String> topics = built.config().topics(role.name());
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topic configured for role " + role.name());
    }
    return topics.get(0);
  }

  public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
    return require(name, driver.getKeyValueStore(name));
  }

  public <K, V> KeyValueStore<K, ValueAndTimestamp<V>> timestampedKeyValueStore(String name) {
    return require(name, driver.getTimestampedKeyValueStore(name));
  }

  public <K, V> WindowStore<K, V> windowStore(String name) {
    return require(name, driver.getWindowStore(name));
  }

  private static <S> S require(String name, S store) {
    if (store == null) {
      throw new IllegalArgumentException("the topology has no store " + name + " of that type");
    }
    return store;
  }

  /** The count of a counter by name and tags, 0 when it was never registered. */
  public double count(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0.0 : counter.count();
  }

  /** Moves the wall clock on, firing wall-clock punctuators that fall due. */
  public void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  public BuiltTopology built() {
    return built;
  }

  public AvroSerdes avro() {
    return avro;
  }

  /** The driver itself, for what the kit does not cover (produced topic names, say). */
  public TopologyTestDriver driver() {
    return driver;
  }

  private <V extends SpecificRecord> void pipeSeed(TopicSeed<V> seed) {
    TestInputTopic<String, V> input =
        driver.createInputTopic(
            built.config().topic(seed.role()),
            new StringSerializer(),
            avro.specific(seed.type()).serializer(),
            Instant.EPOCH,
            Duration.ZERO);
    seed.records().forEach(input::pipeInput);
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

  /** Closes the driver (which wipes its state directory) and the meters. */
  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      meters.close();
    }
  }
}
