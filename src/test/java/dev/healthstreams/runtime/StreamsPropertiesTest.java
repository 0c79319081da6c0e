package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.ConfigFixtures;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopologyRegistry;
import dev.healthstreams.topology.interaction.MedicationInteractionTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
  private static final String SCOPE = "StreamsPropertiesTest";

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldNotIdleTasksWaitingForEmptyPartitions() {
    Properties props = propertiesFor("{}");

    assertEquals(-1L, props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
  }

  @Test
  void shouldLetKafkaPropertiesSetTaskIdlingBack() {
    Properties props = propertiesFor("{max.task.idle.ms: \"0\"}");

    assertEquals("0", props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
  }

  @Test
  void shouldKeepAStandbyAndJoinAsADynamicMemberByDefault() {
    Properties props = propertiesFor("{}");

    assertEquals(1, props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
    assertEquals(45_000, props.get("main.consumer.session.timeout.ms"));
    assertEquals(null, props.get("main.consumer.group.instance.id"));
  }

  @Test
  void shouldJoinAsAStaticMemberUnderTheInstanceId() {
    Properties props = propertiesFor("{}", "instance-id: healthstreams-2", "session-timeout: PT2M");

    assertEquals("healthstreams-2", props.get("main.consumer.group.instance.id"));
    assertEquals(120_000, props.get("main.consumer.session.timeout.ms"));
  }

  /** The medication-interaction topology's properties, {@code appLines} added under app. */
  private static Properties propertiesFor(String kafkaProperties, String... appLines) {
    String yaml =
        ConfigFixtures.config()
            .schemaRegistry("mock://" + SCOPE)
            .kafkaProperties(kafkaProperties)
            .app(appLines)
            .interaction()
            .yaml();
    AppConfig config =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "t.yaml");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BuiltTopology built =
        BuiltTopology.build(
            config.topology(MedicationInteractionTopology.NAME).orElseThrow(),
            new BuildContext(
                new AvroSerdes(
                    SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of())),
                meters));
    return StreamsProperties.forTopology(config, built, new DeadLetterCounter(meters));
  }
}
