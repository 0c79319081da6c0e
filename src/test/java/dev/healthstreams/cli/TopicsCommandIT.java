package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.cli.CliRunner.Result;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.RunningTopology;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `topics --create` on a real broker: the missing topics created with the plan's settings, one that
 * exists with another cleanup policy reported and left alone, a second run creating nothing, and
 * Kafka Streams starting on the internal topics created for it (it checks their partitions).
 */
class TopicsCommandIT {
  private static final String APP = "healthstreams-observation-alerting-";

  @TempDir Path dir;

  @Test
  void shouldCreateWhatIsMissingAndReportWhatDiffers() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      // The patients table exists already, wrongly with the delete policy.
      admin
          .createTopics(List.of(new NewTopic("test.patients.in", 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      Path config =
          CliRunner.write(
              dir,
              "config.yaml",
              CliRunner.validConfig(
                  kafka.bootstrapServers(), "mock://topics-it", dir.resolve("state")));

      Result first =
          CliRunner.run("topics", "--config", config.toString(), "--create", "--partitions", "3");

      assertEquals(0, first.exitCode(), first::describe);
      assertTrue(
          lineOf(first, "test.patients.in")
              .contains("[exists with other settings: cleanup.policy delete, plan compact]"),
          first::describe);
      assertTrue(lineOf(first, "test.obs.in").contains("[created]"), first::describe);
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (String topic :
          List.of(
              "test.obs.in",
              "test.alerts.out",
              "test.alerting.dlq",
              APP + "alerts-by-patient-repartition",
              APP + "patients-changelog",
              APP + "alert-gate-dedup-changelog")) {
        assertTrue(topics.contains(topic), topic + " in " + topics);
      }
      assertEquals(3, partitions(admin, "test.obs.in"));
      assertEquals(
          TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(admin, APP + "patients-changelog"));

      Result second =
          CliRunner.run("topics", "--config", config.toString(), "--create", "--partitions", "3");

      assertEquals(0, second.exitCode(), second::describe);
      assertTrue(second.out().contains("created 0 topics"), second::describe);
      assertTrue(lineOf(second, "test.obs.in").contains("[exists]"), second::describe);

      // Kafka Streams validates internal topics that exist: ours must match what it computes.
      AppConfig loaded = TopologyRegistry.discover().loader(Map.of()).load(config);
      try (StreamsApp app = StreamsApp.start(loaded, List.of("observation-alerting"))) {
        RunningTopology topology = app.topologies().get(0);
        Await.until(
            "the topology to run on the internal topics created by `topics --create`",
            Duration.ofSeconds(60),
            () -> {
              KafkaStreams.State state = topology.state();
              assertTrue(state.isRunningOrRebalancing(), "state " + state);
              return state == KafkaStreams.State.RUNNING;
            });
      }
    }
  }

  private static String lineOf(Result result, String topic) {
    return result
        .out()
        .lines()
        .filter(l -> l.startsWith(topic + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(topic + " not in\n" + result.out()));
  }

  private static int partitions(Admin admin, String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .size();
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
        .value();
  }
}
