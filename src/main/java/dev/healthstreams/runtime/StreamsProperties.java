package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.config.AppSettings.RocksDbSettings;
import dev.healthstreams.runtime.deadletter.DeadLetterConfig;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of one topology, from topologies.yaml: the app's defaults, then
 * {@code kafka.properties}, then the topology's own {@code streams} settings, then what the app
 * owns.
 */
public final class StreamsProperties {
  /** The producers' batch size unless kafka.properties or the topology sets one. */
  static final int PRODUCER_BATCH_BYTES = 128 * 1024;

  /**
   * What every Kafka client of the app gets unless kafka.properties (or a topology's streams block)
   * sets it. {@code receive.buffer.bytes} -1 leaves the socket's receive buffer to the OS, which
   * grows it with the traffic (Linux autotuning), instead of the consumer's fixed 64 KiB. With 64
   * KiB on loopback, whose 64 KiB MTU lets one segment fill the window, fetches of busy topics
   * stalled for 200-280 ms now and then (a TCP persist timer): the input topic's own readers saw
   * them in the same quarter-seconds as the topologies' outputs. With -1, one latency point of 72
   * had one, near saturation; before, about one in four did (BENCHMARKS.md, "The p99 outliers near
   * 300 ms").
   */
  static final Map<String, Object> CLIENT_DEFAULTS =
      Map.of(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, -1);

  private StreamsProperties() {}

  /**
   * What every Kafka client gets: the {@link #CLIENT_DEFAULTS}, the user's client properties, and
   * the bootstrap servers.
   */
  public static Map<String, Object> clientProperties(AppConfig config) {
    Map<String, Object> props = new HashMap<>(CLIENT_DEFAULTS);
    props.putAll(config.kafka().properties());
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    return props;
  }

  public static Properties forTopology(
      AppConfig config, BuiltTopology topology, DeadLetterCounter counter) {
    Properties props = new Properties();
    // Unprefixed like batch.size below: every consumer, producer and admin client of the topology.
    props.putAll(CLIENT_DEFAULTS);
    // Kafka Streams' default, 0, waits for input partitions whose data is still on the broker. Our
    // tasks join their stream with a slowly changing table (patients) or with the foreign-key
    // join's own topics, where that wait buys nothing, and Kafka 4.3 formats a diagnostic string
    // for every record while any partition of the task is empty: 14 % of medication-interaction's
    // stream thread, 28 % once the rest was cheaper (BENCHMARKS.md). Records that are buffered are
    // still taken in timestamp order. kafka.properties may set it back.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Kafka's 16 KiB batch holds about ten of consent-table's 1.6 KB audit events, so the producer
    // sent a request for every ten records and the broker's per-request work, on the same cores,
    // bounded the topology: 128 KiB more than doubled its requests decided per second (17,759 ->
    // 41,625/s with the loader running, bench 2026-12-02, README "Per-topology Kafka Streams
    // settings"). A batch is still sent when linger.ms or a commit ends it, so no record waits
    // longer. Unprefixed, so that kafka.properties and a topology's streams block override it,
    // prefixed or not.
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_BYTES);
    props.putAll(config.kafka().properties());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.app().numStreamThreads());
    // This topology's own settings (topologies.<name>.streams) win over kafka.properties and the
    // app-wide values above, for this topology only. The load rejects the keys the app sets below
    // (AppOwnedStreamsKeys), so those hold for every topology.
    props.putAll(topology.config().streams());
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.app().applicationId(topology.name()));
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.app().stateDir().toString());
    props.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.app().processingGuarantee().kafkaName());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.app().replicationFactor());
    ReplicaSettings replicas = config.app().replicas();
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, replicas.numStandbyReplicas());
    props.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) replicas.sessionTimeout().toMillis());
    // Kafka Streams appends each stream thread's index, so one id serves every thread.
    replicas
        .instanceId()
        .ifPresent(
            id ->
                props.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    // Every store, repartition and changelog must carry a chosen name: renaming by accident
    // would silently drop state on upgrade.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Global tables (knowledge, reference data) get the same dead-letter handling as tasks.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.putAll(rocksDb(config.app().rocksdb()));
    props.putAll(
        DeadLetterConfig.streamsProperties(topology.name(), topology.deadLetterTopic(), counter));
    return props;
  }

  /** All RocksDB stores of the process share one capped block cache and write-buffer manager. */
  static Map<String, Object> rocksDb(RocksDbSettings rocksdb) {
    return Map.of(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class,
        BoundedRocksDbConfig.TOTAL_OFF_HEAP_BYTES_CONFIG, rocksdb.totalOffHeapBytes(),
        BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, rocksdb.writeBufferBytes());
  }
}
