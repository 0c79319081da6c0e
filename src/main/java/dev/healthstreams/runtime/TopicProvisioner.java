package dev.healthstreams.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the app needs when they are missing. Every admin call is bounded by the
 * timeout, so an unreachable cluster fails fast with a message naming it instead of hanging.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final String cluster;
  private final Duration timeout;

  /** Error messages can only say "the Kafka cluster": Admin does not expose its address. */
  public TopicProvisioner(Admin admin, Duration timeout) {
    this(admin, "the Kafka cluster", timeout);
  }

  /** bootstrapServers is only used to name the cluster in error messages. */
  public TopicProvisioner(Admin admin, String bootstrapServers, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.cluster = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** Creates the topics that do not exist yet; a topic created meanwhile by someone else is ok. */
  public void ensure(Collection<TopicSpec> topics) {
    Map<String, TopicSpec> byName = new LinkedHashMap<>();
    topics.forEach(spec -> byName.put(spec.name(), spec));
    Set<String> missing = missing(byName.keySet());
    if (missing.isEmpty()) {
      return;
    }
    List<NewTopic> toCreate = missing.stream().map(name -> newTopic(byName.get(name))).toList();
    Map<String, KafkaFuture<Void>> results =
        admin.createTopics(toCreate, new CreateTopicsOptions().timeoutMs(timeoutMs())).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      String topic = result.getKey();
      try {
        await(result.getValue(), "creating topic " + topic);
        log.info("Created topic {} ({})", topic, byName.get(topic));
      } catch (KafkaException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        log.debug("Topic {} was created concurrently", topic);
      }
    }
  }

  /** The names among topicNames that do not exist in the cluster. */
  public Set<String> missing(Collection<String> topicNames) {
    Set<String> existing =
        await(
            admin
                .listTopics(new ListTopicsOptions().timeoutMs(timeoutMs()).listInternal(true))
                .names(),
            "listing topics");
    Set<String> missing = new LinkedHashSet<>(topicNames);
    missing.removeAll(existing);
    return missing;
  }

  private static NewTopic newTopic(TopicSpec spec) {
    NewTopic topic =
        spec.replication() == -1
            ? new NewTopic(
                spec.name(), java.util.Optional.of(spec.partitions()), java.util.Optional.empty())
            : new NewTopic(spec.name(), spec.partitions(), spec.replication());
    return topic.configs(spec.configs());
  }

  private int timeoutMs() {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /**
   * Waits for an admin result. The future's own wait is bounded too, as a safety net should the
   * request timeout not fire.
   */
  private <T> T await(KafkaFuture<T> future, String action) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while " + action + " on " + cluster, e);
    } catch (TimeoutException e) {
      throw unreachable(action, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(action, cause);
      }
      throw new KafkaException(
          "Failed " + action + " on Kafka at " + cluster + ": " + cause.getMessage(), cause);
    }
  }

  private KafkaException unreachable(String action, Throwable cause) {
    return new KafkaException(
        "Kafka at " + cluster + " did not answer within " + timeout + " while " + action, cause);
  }
}
