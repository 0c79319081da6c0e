package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode: a KRaft broker and a schema registry in this process tree, data kept under one
 * home directory across restarts, addresses published in {@code <home>/embedded.env}.
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);
  static final int PARTITIONS = 4;

  private final Path home;
  private final EmbeddedKafka kafka;
  private final EmbeddedRegistry registry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPlatform(Path home, EmbeddedKafka kafka, EmbeddedRegistry registry) {
    this.home = home;
    this.kafka = kafka;
    this.registry = registry;
  }

  /** Starts on {@code home}, publishing the addresses in {@code envFile} for other processes. */
  public static EmbeddedPlatform start(Path home, Path envFile) {
    EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("kafka"));
    try {
      EmbeddedRegistry registry =
          EmbeddedRegistry.start(home.resolve("registry"), Duration.ofSeconds(90));
      EmbeddedPlatform platform = new EmbeddedPlatform(home, kafka, registry);
      new EmbeddedEnv(kafka.bootstrapServers(), registry.url()).write(envFile);
      log.info(
          "embedded Kafka at {}, schema registry at {}", kafka.bootstrapServers(), registry.url());
      return platform;
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  /** The config pointed at this platform, state kept under its home, replication 1. */
  public AppConfig applyTo(AppConfig config) {
    return config
        .withKafka(config.kafka().withEndpoints(kafka.bootstrapServers(), registry.url()))
        .withApp(config.app().withStateDir(home.resolve("state")).withReplicationFactor(1));
  }

  /** Creates every external topic the topologies read or write ({@link TopicPlan}). */
  public void provision(AppConfig config, List<BuiltTopology> topologies) {
    Map<String, TopicSpec> specs = TopicPlan.external(topologies, PARTITIONS, (short) 1);
    try (Admin admin = Preflight.admin(config)) {
      new TopicProvisioner(admin, config.kafka().bootstrapServers(), config.app().startupTimeout())
          .ensure(specs.values());
    }
  }

  /** Idempotent: the shutdown hook and the main thread may both get here. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      registry.close();
      kafka.close();
    }
  }
}
