package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What the cluster has of a list of topics: partition counts and the configs a plan sets, so the
 * `topics` command can create what is missing and report what exists with other settings.
 */
public final class TopicInventory {
  /** A topic as it exists. */
  public record Existing(int partitions, Map<String, String> configs) {}

  private final Map<String, Existing> existing;

  private TopicInventory(Map<String, Existing> existing) {
    this.existing = existing;
  }

  /** Reads the topics among {@code names} that exist; every call bounded by the startup timeout. */
  public static TopicInventory read(Admin admin, AppConfig config, Collection<String> names) {
    Duration timeout = config.app().startupTimeout();
    String cluster = config.kafka().bootstrapServers();
    try {
      Set<String> present = present(admin, cluster, timeout, names);
      Map<String, TopicDescription> descriptions =
          present.isEmpty()
              ? Map.of()
              : admin
                  .describeTopics(present)
                  .allTopicNames()
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<ConfigResource> resources =
          present.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
      Map<ConfigResource, Config> configs =
          resources.isEmpty()
              ? Map.of()
              : admin
                  .describeConfigs(resources)
                  .all()
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Existing> existing = new LinkedHashMap<>();
      for (String topic : present) {
        Map<String, String> values = new LinkedHashMap<>();
        Config topicConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        if (topicConfig != null) {
          topicConfig.entries().forEach(e -> values.put(e.name(), e.value()));
        }
        existing.put(topic, new Existing(descriptions.get(topic).partitions().size(), values));
      }
      return new TopicInventory(existing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while reading topics on " + cluster, e);
    } catch (Exception e) {
      if (e instanceof StartupException startup) {
        throw startup;
      }
      throw new StartupException(
          "Kafka at " + cluster + " did not answer within " + timeout.toSeconds() + " s", e);
    }
  }

  private static Set<String> present(
      Admin admin, String cluster, Duration timeout, Collection<String> names) {
    Set<String> missing = new TopicProvisioner(admin, cluster, timeout).missing(names);
    return names.stream()
        .filter(n -> !missing.contains(n))
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  public Map<String, Integer> partitions() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    existing.forEach((topic, e) -> counts.put(topic, e.partitions()));
    return counts;
  }

  public boolean exists(String topic) {
    return existing.containsKey(topic);
  }

  /** How an existing topic differs from its spec: "partitions 3, plan 4" and config values. */
  public List<String> differences(TopicSpec spec) {
    Existing actual = existing.get(spec.name());
    List<String> differences = new ArrayList<>();
    if (actual == null) {
      return differences;
    }
    if (actual.partitions() != spec.partitions()) {
      differences.add("partitions " + actual.partitions() + ", plan " + spec.partitions());
    }
    spec.configs()
        .forEach(
            (key, wanted) -> {
              String value = actual.configs().get(key);
              if (value != null && !value.equals(wanted)) {
                differences.add(key + " " + value + ", plan " + wanted);
              }
            });
    return differences;
  }
}
