package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Checks, before any stream starts, that the cluster and registry answer within a bounded time and
 * that every input topic exists: a clear message at start beats a topology stuck retrying.
 */
public final class Preflight {
  private Preflight() {}

  public static Admin admin(AppConfig config) {
    int timeoutMs = (int) config.app().startupTimeout().toMillis();
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    return Admin.create(props);
  }

  /**
   * Why the cluster did not answer: refused credentials are named (the broker's message says which
   * mechanism and never echoes the secret), anything else is a timeout.
   */
  static StartupException unreachable(AppConfig config, Duration timeout, Exception error) {
    String cluster = "Kafka at " + config.kafka().bootstrapServers();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AuthenticationException refused) {
        return new StartupException(
            cluster
                + " refused authentication ("
                + refused.getClass().getSimpleName()
                + ": "
                + refused.getMessage()
                + "); check the credentials in kafka.properties",
            error);
      }
    }
    return new StartupException(
        cluster + " did not answer within " + timeout.toSeconds() + " s", error);
  }

  public static void check(
      AppConfig config, Collection<BuiltTopology> topologies, SchemaRegistryClient registry) {
    Duration timeout = config.app().startupTimeout();
    try (Admin admin = admin(config)) {
      try {
        admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted waiting for Kafka", e);
      } catch (Exception e) {
        throw unreachable(config, timeout, e);
      }
      Set<String> inputs = new TreeSet<>();
      topologies.forEach(t -> inputs.addAll(t.sourceTopics()));
      Set<String> missing =
          new TopicProvisioner(admin, config.kafka().bootstrapServers(), timeout).missing(inputs);
      if (!missing.isEmpty()) {
        throw new StartupException(
            "input topics missing on " + config.kafka().bootstrapServers() + ": " + missing);
      }
    }
    try {
      registry.checkReachable();
    } catch (SchemaRegistryException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
