package dev.healthstreams.e2e;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real broker and a real schema registry for a test class, and a topologies.yaml pointing at
 * them: the repository's own file with only addresses, state dir and port filled in.
 */
final class TestCluster implements AutoCloseable {
  final EmbeddedKafka kafka;
  final EmbeddedRegistry registry;

  private TestCluster(EmbeddedKafka kafka, EmbeddedRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  static TestCluster start(Path dir) {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    try {
      return new TestCluster(
          kafka, EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(90)));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  void createTopics(List<String> topics) {
    try (Admin admin = admin()) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
          .ensure(topics.stream().map(t -> new TopicSpec(t, 4, (short) 1, false)).toList());
    }
  }

  /** Every external topic of every topology the config file configures. */
  void createTopicsOfAll(Path configFile) {
    AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(configFile);
    createTopicsOf(configFile, config.topologies().keySet().toArray(String[]::new));
  }

  /** Every external topic of the configured topologies, as embedded mode creates them. */
  void createTopicsOf(Path configFile, String... topologies) {
    AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(configFile);
    try (Admin admin = admin()) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
          .ensure(
              TopicPlan.external(
                      Topologies.forInspection(config, List.of(topologies)), 4, (short) 1)
                  .values());
    }
  }

  /**
   * The repository's topologies.yaml with this cluster's addresses, a state dir and a port; its
   * replicas dynamic group members whatever HOSTNAME the machine exports.
   */
  Path writeConfig(Path file, Path stateDir, int httpPort) throws Exception {
    String yaml =
        Files.readString(Path.of("topologies.yaml"), StandardCharsets.UTF_8)
            .replace("${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}", kafka.bootstrapServers())
            .replace("${SCHEMA_REGISTRY_URL:-http://localhost:8081}", registry.url())
            .replace("${HEALTHSTREAMS_STATE_DIR:-/var/lib/healthstreams}", stateDir.toString())
            .replace("${HEALTHSTREAMS_HTTP_PORT:-8080}", Integer.toString(httpPort))
            .replace("${HOSTNAME:-}", "");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() {
    registry.close();
    kafka.close();
  }
}
