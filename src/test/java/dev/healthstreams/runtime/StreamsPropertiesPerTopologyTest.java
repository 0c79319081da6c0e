package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.ConfigFixtures;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopologyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A topology's {@code streams:} block, as it reaches the Kafka Streams properties. */
class StreamsPropertiesPerTopologyTest {
  private static final String SCOPE = "StreamsPropertiesPerTopologyTest";
  private static final String ALERTING = "observation-alerting";
  private static final String INTERACTION = "medication-interaction";

  /** Settings the app sets for every topology as defaults, which a topology may change. */
  private static final Set<String> OVERRIDABLE_DEFAULTS =
      Set.of(
          StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          ProducerConfig.BATCH_SIZE_CONFIG,
          CommonClientConfigs.RECEIVE_BUFFER_CONFIG);

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldGiveTheSettingToItsTopologyOnly() {
    AppConfig config = load("{}", "streams: {commit.interval.ms: 20, producer.linger.ms: 5}");

    Properties alerting = propertiesOf(config, ALERTING);
    Properties interaction = propertiesOf(config, INTERACTION);

    assertEquals("20", alerting.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals("5", alerting.get("producer.linger.ms"));
    assertFalse(interaction.containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertFalse(interaction.containsKey("producer.linger.ms"));
  }

  @Test
  void shouldWinOverKafkaPropertiesAndTheAppWideDefaults() {
    AppConfig config =
        load(
            "{commit.interval.ms: \"1000\", max.task.idle.ms: \"0\"}",
            "streams: {commit.interval.ms: 50, max.task.idle.ms: 10, num.stream.threads: 3}");

    Properties alerting = propertiesOf(config, ALERTING);
    Properties interaction = propertiesOf(config, INTERACTION);

    assertEquals("50", alerting.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals("10", alerting.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
    assertEquals("3", alerting.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    assertEquals("1000", interaction.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals("0", interaction.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
    // app.num-stream-threads is not set in the fixture: its default, 1.
    assertEquals(1, interaction.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
  }

  @Test
  void shouldGiveProducersLargerBatchesUnlessKafkaPropertiesOrTheTopologySetThem() {
    // As Kafka Streams hands them to a stream thread's producer, prefixed keys resolved.
    assertEquals(131_072, producerBatchSize(load("{}"), INTERACTION));
    assertEquals(32_768, producerBatchSize(load("{batch.size: \"32768\"}"), INTERACTION));
    assertEquals(65_536, producerBatchSize(load("{producer.batch.size: \"65536\"}"), INTERACTION));
    AppConfig ownBlock = load("{}", "streams: {producer.batch.size: 16384}");
    assertEquals(16_384, producerBatchSize(ownBlock, ALERTING));
    assertEquals(131_072, producerBatchSize(ownBlock, INTERACTION));
  }

  private static int producerBatchSize(AppConfig config, String topology) {
    Map<String, Object> producer =
        new StreamsConfig(propertiesOf(config, topology)).getProducerConfigs("client");
    return Integer.parseInt(producer.get(ProducerConfig.BATCH_SIZE_CONFIG).toString());
  }

  @Test
  void shouldLeaveTheConsumersReceiveBufferToTheOsUnlessKafkaPropertiesOrTheTopologySetIt() {
    // Kafka's consumer default is a fixed 65,536 bytes; -1 means the OS default (autotuned).
    Properties defaults = propertiesOf(load("{}"), INTERACTION);
    assertEquals(-1, mainConsumerReceiveBuffer(defaults));
    assertEquals(-1, restoreConsumerReceiveBuffer(defaults));

    Properties kafkaWide = propertiesOf(load("{receive.buffer.bytes: \"262144\"}"), INTERACTION);
    assertEquals(262_144, mainConsumerReceiveBuffer(kafkaWide));

    AppConfig ownBlock = load("{}", "streams: {main.consumer.receive.buffer.bytes: 65536}");
    assertEquals(65_536, mainConsumerReceiveBuffer(propertiesOf(ownBlock, ALERTING)));
    assertEquals(-1, mainConsumerReceiveBuffer(propertiesOf(ownBlock, INTERACTION)));
  }

  @Test
  void shouldGiveEveryOtherClientTheSameReceiveBufferDefault() {
    assertEquals(
        -1,
        StreamsProperties.clientProperties(load("{}"))
            .get(CommonClientConfigs.RECEIVE_BUFFER_CONFIG));
    assertEquals(
        "131072",
        StreamsProperties.clientProperties(load("{receive.buffer.bytes: \"131072\"}"))
            .get(CommonClientConfigs.RECEIVE_BUFFER_CONFIG));
  }

  private static int mainConsumerReceiveBuffer(Properties props) {
    return receiveBuffer(new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0));
  }

  private static int restoreConsumerReceiveBuffer(Properties props) {
    return receiveBuffer(new StreamsConfig(props).getRestoreConsumerConfigs("client"));
  }

  private static int receiveBuffer(Map<String, Object> consumer) {
    return Integer.parseInt(consumer.get(ConsumerConfig.RECEIVE_BUFFER_CONFIG).toString());
  }

  @Test
  void shouldKeepKafkasCommitIntervalUnderExactlyOnceWithoutTheBlock() {
    Properties interaction = propertiesOf(load("{}"), INTERACTION);

    // Kafka's documented default under exactly_once_v2 (30 s under at_least_once).
    assertEquals(
        100L, new StreamsConfig(interaction).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
  }

  @Test
  void shouldRejectEverySettingTheAppSetsItselfExceptItsDefaults() {
    Properties props = propertiesOf(load("{}"), INTERACTION);
    Set<String> appSet = new TreeSet<>();
    props.stringPropertyNames().forEach(appSet::add);
    props.keySet().forEach(key -> appSet.add(key.toString()));
    appSet.removeAll(OVERRIDABLE_DEFAULTS);
    // StreamsApp adds it once the HTTP port is bound.
    appSet.add(StreamsConfig.APPLICATION_SERVER_CONFIG);

    for (String key : appSet) {
      List<ConfigError> errors =
          assertThrows(
                  ConfigException.class,
                  () -> load("{}", "streams: {" + key + ": x}"),
                  () -> key + " was accepted in a streams block")
              .errors();
      assertEquals(
          List.of("topologies." + ALERTING + ".streams." + key),
          errors.stream().map(ConfigError::path).toList(),
          key);
    }
  }

  /** The fixture with both topologies, {@code alertingExtra} added to the alerting block. */
  private static AppConfig load(String kafkaProperties, String... alertingExtra) {
    String yaml =
        ConfigFixtures.config()
            .schemaRegistry("mock://" + SCOPE)
            .kafkaProperties(kafkaProperties)
            .alerting(alertingExtra)
            .interaction()
            .yaml();
    return new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "t.yaml");
  }

  private static Properties propertiesOf(AppConfig config, String topology) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BuiltTopology built =
        BuiltTopology.build(
            config.topology(topology).orElseThrow(),
            new BuildContext(
                new AvroSerdes(
                    SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of())),
                meters));
    return StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
  }
}
