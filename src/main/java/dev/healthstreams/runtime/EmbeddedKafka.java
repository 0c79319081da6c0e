package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process single-node Kafka cluster (one KRaft node acting as broker and controller) for
 * development and tests. Its data dir is formatted once and kept, so topics, records, committed
 * offsets and ports survive a restart.
 *
 * <p>Like a standalone broker, a fatal metadata fault halts the JVM (Kafka's own fault handler):
 * this is meant for {@code run --embedded}, demos and tests, not to share a JVM with production.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
  }

  /**
   * Formats dataDir once (kept across restarts), starts the broker, waits until it accepts admin
   * requests.
   */
  public static EmbeddedKafka start(Path dataDir) {
    long startedAt = System.nanoTime();
    createDirectories(dataDir);
    EmbeddedPorts ports = EmbeddedPorts.reuseOrPick(dataDir);
    Map<String, String> props = EmbeddedBrokerConfig.of(dataDir, ports);
    EmbeddedStorage.formatOnce(dataDir);

    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    String bootstrap = EmbeddedPorts.HOST + ":" + ports.broker();
    try {
      server.startup();
      awaitAdminRequests(bootstrap);
    } catch (RuntimeException e) {
      IllegalStateException failure =
          new IllegalStateException(
              "Embedded Kafka in " + dataDir + " failed to start on " + bootstrap, e);
      try {
        stop(server);
      } catch (RuntimeException stopFailure) {
        failure.addSuppressed(stopFailure);
      }
      throw failure;
    }
    log.info(
        "Embedded Kafka ready on {} (data dir {}) after {} ms",
        bootstrap,
        dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return new EmbeddedKafka(server, bootstrap, dataDir);
  }

  /** The broker address for clients, {@code 127.0.0.1:PORT}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** An admin client of this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Shuts the broker and controller down and waits until they have stopped. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop(server);
      log.info("Embedded Kafka on {} (data dir {}) stopped", bootstrapServers, dataDir);
    }
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void createDirectories(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create data dir " + dataDir, e);
    }
  }

  /** startup() returns once the broker is unfenced; this proves clients can really use it. */
  private static void awaitAdminRequests(String bootstrap) {
    int timeoutMs = (int) READY_TIMEOUT.toMillis();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.CLIENT_ID_CONFIG, "healthstreams-embedded-readiness"))) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
          .nodes()
          .get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for embedded Kafka on " + bootstrap, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Embedded Kafka on "
              + bootstrap
              + " did not answer admin requests within "
              + READY_TIMEOUT,
          e);
    }
  }
}
