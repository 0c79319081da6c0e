package dev.healthstreams.flink;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.topology.alerting.AlertRule;
import dev.healthstreams.topology.alerting.AlertingSettings;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import dev.healthstreams.topology.alerting.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Everything the Flink job needs, taken from the app's config: the observation-alerting block
 * (topics, rules, statuses, dedup window, routes) and its {@code commit.interval.ms}, which becomes
 * the checkpoint interval. Serializable, as Flink ships its functions: the settings are rebuilt
 * from it where they run ({@link #settings()}).
 *
 * @param groupId the consumer group of both sources, and the sink's transactional-id prefix
 * @param pauseGate the {@link PauseGates} name; null for a job nothing pauses
 */
public record AlertingJobSpec(
    String bootstrapServers,
    HashMap<String, String> clientProperties,
    String registryUrl,
    String groupId,
    String observationsTopic,
    String patientsTopic,
    String alertsTopic,
    String deadLetterTopic,
    ArrayList<AlertRule> rules,
    HashSet<String> statuses,
    Duration dedupWindow,
    HashMap<Severity, ArrayList<String>> routes,
    long checkpointIntervalMs,
    int parallelism,
    String pauseGate)
    implements Serializable {

  /**
   * Kafka Streams' own default under exactly_once_v2, for a config whose block sets no
   * commit.interval.ms.
   */
  static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

  /** The MiniCluster's parallelism: one task per core of the 2-core bench machine. */
  public static final int DEFAULT_PARALLELISM = 2;

  /** The job for the observation-alerting block of {@code config}. */
  public static AlertingJobSpec of(
      AppConfig config, String groupId, int parallelism, String pauseGate) {
    TopologyConfig<?> topology =
        config
            .topology(ObservationAlertingTopology.NAME)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the config has no " + ObservationAlertingTopology.NAME + " block"));
    AlertingSettings settings = (AlertingSettings) topology.settings();
    HashMap<String, String> client = new HashMap<>();
    StreamsProperties.clientProperties(config).forEach((k, v) -> client.put(k, String.valueOf(v)));
    HashMap<Severity, ArrayList<String>> routes = new HashMap<>();
    settings.routes().forEach((severity, topics) -> routes.put(severity, new ArrayList<>(topics)));
    return new AlertingJobSpec(
        config.kafka().bootstrapServers(),
        client,
        config.kafka().schemaRegistryUrl(),
        groupId,
        topology.topic(ObservationAlertingTopology.OBSERVATIONS.name()),
        topology.topic(ObservationAlertingTopology.PATIENTS.name()),
        topology.topic(ObservationAlertingTopology.ALERTS.name()),
        topology.topic("dead-letter"),
        new ArrayList<>(settings.rules()),
        new HashSet<>(settings.statuses()),
        settings.dedupWindow(),
        routes,
        commitIntervalMs(topology, client),
        parallelism,
        pauseGate);
  }

  /**
   * The topology's commit.interval.ms (its own streams block, else the shared kafka properties,
   * else Kafka Streams' default): the checkpoint interval, so both engines make outputs visible to
   * read_committed readers as often and their latency floors compare.
   */
  private static long commitIntervalMs(TopologyConfig<?> topology, Map<String, String> shared) {
    String value = topology.streams().getOrDefault(COMMIT_INTERVAL, shared.get(COMMIT_INTERVAL));
    return value == null ? DEFAULT_COMMIT_INTERVAL_MS : Long.parseLong(value.trim());
  }

  private static final String COMMIT_INTERVAL = "commit.interval.ms";

  /** The settings as the topology has them. */
  public AlertingSettings settings() {
    Map<Severity, List<String>> byseverity = new EnumMap<>(Severity.class);
    routes.forEach((severity, topics) -> byseverity.put(severity, topics));
    return new AlertingSettings(statuses, byseverity, List.copyOf(rules), dedupWindow);
  }

  /** The client properties without the bootstrap servers, which the builders take apart. */
  Map<String, String> kafkaProperties() {
    Map<String, String> props = new HashMap<>(clientProperties);
    props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return props;
  }
}
