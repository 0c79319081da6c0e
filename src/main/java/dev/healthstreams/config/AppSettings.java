package dev.healthstreams.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Process-wide settings under {@code app:}.
 *
 * <p>{@code detailedKafkaMetrics} ({@code app.detailed-kafka-metrics}, default false): export every
 * metric Kafka registers on {@code /metrics}, the per-node, per-store-operation and per-partition
 * ones too, for an investigation; by default those stay on JMX (KafkaMeterFilter).
 */
public record AppSettings(
    String applicationIdPrefix,
    Path stateDir,
    ProcessingGuarantee processingGuarantee,
    int httpPort,
    int numStreamThreads,
    int replicationFactor,
    Duration startupTimeout,
    RocksDbSettings rocksdb,
    QuerySettings query,
    ReplicaSettings replicas,
    boolean detailedKafkaMetrics) {

  /** How long start-up waits for the cluster and the registry before giving up (exit 1). */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

  public AppSettings {
    if (rocksdb == null) {
      rocksdb = RocksDbSettings.DEFAULTS;
    }
    if (query == null) {
      query = QuerySettings.DEFAULTS;
    }
    if (replicas == null) {
      replicas = ReplicaSettings.DEFAULTS;
    }
  }

  /** Without query or replica settings and with Kafka's detailed metrics off: their defaults. */
  public AppSettings(
      String applicationIdPrefix,
      Path stateDir,
      ProcessingGuarantee processingGuarantee,
      int httpPort,
      int numStreamThreads,
      int replicationFactor,
      Duration startupTimeout,
      RocksDbSettings rocksdb) {
    this(
        applicationIdPrefix,
        stateDir,
        processingGuarantee,
        httpPort,
        numStreamThreads,
        replicationFactor,
        startupTimeout,
        rocksdb,
        QuerySettings.DEFAULTS,
        ReplicaSettings.DEFAULTS,
        false);
  }

  /**
   * How replicas find and answer each other's queries: {@code app.advertised-host} (with the HTTP
   * port, the {@code application.server} other replicas forward to; empty = this machine's host
   * name, resolved at start) and {@code app.query.max-lag}, the most records a standby copy may
   * trail its changelog by and still answer when the owner is down.
   */
  public record QuerySettings(Optional<String> advertisedHost, long maxLag) {
    public static final long DEFAULT_MAX_LAG = 10_000;
    public static final QuerySettings DEFAULTS =
        new QuerySettings(Optional.empty(), DEFAULT_MAX_LAG);

    public QuerySettings {
      if (maxLag < 0) {
        throw new IllegalArgumentException("max lag must not be negative");
      }
    }
  }

  /**
   * How replicas of a topology share its work and hand it over:
   *
   * @param numStandbyReplicas {@code app.num-standby-replicas}: warm copies of each task's state on
   *     other replicas, so a failover resumes without restoring from the changelog (default 1; with
   *     a single replica Kafka places none)
   * @param instanceId {@code app.instance-id}: this replica's stable identity (a StatefulSet pod's
   *     name), which makes it a static group member: a restart within the session timeout moves no
   *     partition. Empty: a dynamic member, which leaves the group when it shuts down
   * @param sessionTimeout {@code app.session-timeout}: how long the group waits for a silent member
   *     before moving its partitions; for a static member, the longest restart that moves none
   * @param shutdownTimeout {@code app.shutdown-timeout}: how long a shutdown (SIGTERM) may take to
   *     commit and close before the process exits anyway
   */
  public record ReplicaSettings(
      int numStandbyReplicas,
      Optional<String> instanceId,
      Duration sessionTimeout,
      Duration shutdownTimeout) {
    public static final int DEFAULT_STANDBY_REPLICAS = 1;
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final ReplicaSettings DEFAULTS =
        new ReplicaSettings(
            DEFAULT_STANDBY_REPLICAS,
            Optional.empty(),
            DEFAULT_SESSION_TIMEOUT,
            DEFAULT_SHUTDOWN_TIMEOUT);

    public boolean isStatic() {
      return instanceId.isPresent();
    }
  }

  /**
   * {@code app.rocksdb}: the off-heap memory that all RocksDB state stores of the process share
   * (block cache, index and filter blocks, memtables), and the part of it memtables may take.
   */
  public record RocksDbSettings(long totalOffHeapBytes, long writeBufferBytes) {
    public static final int DEFAULT_TOTAL_OFF_HEAP_MB = 256;
    public static final int DEFAULT_WRITE_BUFFER_MB = 64;
    private static final long MEGABYTE = 1024L * 1024;
    public static final RocksDbSettings DEFAULTS =
        ofMegabytes(DEFAULT_TOTAL_OFF_HEAP_MB, DEFAULT_WRITE_BUFFER_MB);

    public RocksDbSettings {
      if (writeBufferBytes <= 0 || writeBufferBytes >= totalOffHeapBytes) {
        throw new IllegalArgumentException(
            "write buffer bytes must be positive and less than the total off-heap bytes");
      }
    }

    public static RocksDbSettings ofMegabytes(long totalOffHeapMb, long writeBufferMb) {
      return new RocksDbSettings(totalOffHeapMb * MEGABYTE, writeBufferMb * MEGABYTE);
    }
  }

  public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2("exactly_once_v2"),
    AT_LEAST_ONCE("at_least_once");

    private final String kafkaName;

    ProcessingGuarantee(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    public String kafkaName() {
      return kafkaName;
    }
  }

  public String applicationId(String topologyName) {
    return applicationIdPrefix + "-" + topologyName;
  }

  public AppSettings withApplicationIdPrefix(String prefix) {
    return edit(copy -> copy.applicationIdPrefix = prefix);
  }

  public AppSettings withStateDir(Path dir) {
    return edit(copy -> copy.stateDir = dir);
  }

  public AppSettings withHttpPort(int port) {
    return edit(copy -> copy.httpPort = port);
  }

  public AppSettings withReplicationFactor(int factor) {
    return edit(copy -> copy.replicationFactor = factor);
  }

  public AppSettings withRocksDb(RocksDbSettings settings) {
    return edit(copy -> copy.rocksdb = settings);
  }

  public AppSettings withQuery(QuerySettings settings) {
    return edit(copy -> copy.query = settings);
  }

  public AppSettings withReplicas(ReplicaSettings settings) {
    return edit(copy -> copy.replicas = settings);
  }

  /** These settings with {@code change} applied to a copy of their fields: one place, not seven. */
  private AppSettings edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The fields of an {@link AppSettings} while a copy is being changed. */
  private static final class Draft {
    String applicationIdPrefix;
    Path stateDir;
    ProcessingGuarantee processingGuarantee;
    int httpPort;
    int numStreamThreads;
    int replicationFactor;
    Duration startupTimeout;
    RocksDbSettings rocksdb;
    QuerySettings query;
    ReplicaSettings replicas;
    boolean detailedKafkaMetrics;

    Draft(AppSettings settings) {
      applicationIdPrefix = settings.applicationIdPrefix;
      stateDir = settings.stateDir;
      processingGuarantee = settings.processingGuarantee;
      httpPort = settings.httpPort;
      numStreamThreads = settings.numStreamThreads;
      replicationFactor = settings.replicationFactor;
      startupTimeout = settings.startupTimeout;
      rocksdb = settings.rocksdb;
      query = settings.query;
      replicas = settings.replicas;
      detailedKafkaMetrics = settings.detailedKafkaMetrics;
    }

    AppSettings build() {
      return new AppSettings(
          applicationIdPrefix,
          stateDir,
          processingGuarantee,
          httpPort,
          numStreamThreads,
          replicationFactor,
          startupTimeout,
          rocksdb,
          query,
          replicas,
          detailedKafkaMetrics);
    }
  }
}
