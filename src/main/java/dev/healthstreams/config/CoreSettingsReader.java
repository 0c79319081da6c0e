package dev.healthstreams.config;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.config.AppSettings.RocksDbSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads the {@code kafka:} and {@code app:} blocks, which every topology shares. */
final class CoreSettingsReader {
  private static final int BROKER_DEFAULT_REPLICATION = -1;
  private static final int MAX_REPLICATION = Short.MAX_VALUE;
  private static final int MIN_ROCKSDB_TOTAL_MB = 16;
  private static final int MAX_ROCKSDB_TOTAL_MB = 65536;
  private static final int MIN_ROCKSDB_WRITE_BUFFER_MB = 4;
  private static final int MAX_STANDBY_REPLICAS = 10;
  // A DNS name or IPv4 address, or an IPv6 literal in brackets: what a peer puts in a URL.
  private static final String HOST_PATTERN = "[a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+\\]";

  private CoreSettingsReader() {}

  static KafkaSettings kafka(ConfigNode kafka) {
    return new KafkaSettings(
        kafka.value("bootstrap-servers", Parsers.nonEmpty()).required(),
        kafka.value("schema-registry-url", Parsers.nonEmpty()).required(),
        kafka.map("properties", Parsers.string()));
  }

  static AppSettings app(ConfigNode app) {
    return new AppSettings(
        app.value("application-id-prefix", Parsers.matching(Parsers.NAME_PATTERN))
            .orElse("healthstreams"),
        stateDir(app),
        app.value("processing-guarantee", Parsers.kebabEnum(ProcessingGuarantee.class))
            .orElse(ProcessingGuarantee.EXACTLY_ONCE_V2),
        app.value("http-port", Parsers.integer(0, 65535)).orElse(8080),
        app.value("num-stream-threads", Parsers.integer(1, 64)).orElse(1),
        replicationFactor(app),
        startupTimeout(app),
        app.child("rocksdb").map(CoreSettingsReader::rocksDb).orElse(RocksDbSettings.DEFAULTS),
        new QuerySettings(
            advertisedHost(app),
            app.child("query")
                .map(
                    query ->
                        query
                            .value("max-lag", Parsers.integer(0, Integer.MAX_VALUE))
                            .orElse((int) QuerySettings.DEFAULT_MAX_LAG))
                .orElse((int) QuerySettings.DEFAULT_MAX_LAG)),
        replicas(app),
        app.value("detailed-kafka-metrics", Parsers.bool()).orElse(false));
  }

  private static ReplicaSettings replicas(ConfigNode app) {
    return new ReplicaSettings(
        app.value("num-standby-replicas", Parsers.integer(0, MAX_STANDBY_REPLICAS))
            .orElse(ReplicaSettings.DEFAULT_STANDBY_REPLICAS),
        instanceId(app),
        positive(app, "session-timeout", ReplicaSettings.DEFAULT_SESSION_TIMEOUT),
        positive(app, "shutdown-timeout", ReplicaSettings.DEFAULT_SHUTDOWN_TIMEOUT));
  }

  // Blank means none, so that `${HOSTNAME:-}` makes a replica static only where HOSTNAME is set.
  private static Optional<String> instanceId(ConfigNode app) {
    Optional<String> id =
        app.value("instance-id", Parsers.string()).optional().filter(v -> !v.isBlank());
    if (id.isPresent() && !id.get().matches(Parsers.NAME_PATTERN)) {
      app.error(
          "instance-id", "'" + id.get() + "' may hold only letters, digits, '.', '_' and '-'");
      return Optional.empty();
    }
    return id;
  }

  private static Duration positive(ConfigNode app, String key, Duration fallback) {
    Duration value = app.value(key, Parsers.duration()).orElse(fallback);
    if (value.isZero() || value.isNegative()) {
      app.error(key, "must be longer than zero");
      return fallback;
    }
    return value;
  }

  private static Optional<String> advertisedHost(ConfigNode app) {
    Optional<String> host = app.value("advertised-host", Parsers.nonEmpty()).optional();
    if (host.isPresent() && !host.get().matches(HOST_PATTERN)) {
      app.error(
          "advertised-host",
          "'" + host.get() + "' is not a host name or IP address (a bracketed IPv6 literal)");
      return Optional.empty();
    }
    return host;
  }

  // The write buffers (memtables) are charged against the total, so they must leave room for the
  // block cache: at least 4 MB, strictly less than the total.
  private static RocksDbSettings rocksDb(ConfigNode rocksdb) {
    int total =
        rocksdb
            .value("total-off-heap-mb", Parsers.integer(MIN_ROCKSDB_TOTAL_MB, MAX_ROCKSDB_TOTAL_MB))
            .orElse(RocksDbSettings.DEFAULT_TOTAL_OFF_HEAP_MB);
    int writeBuffer =
        rocksdb
            .value(
                "write-buffer-mb",
                Parsers.integer(MIN_ROCKSDB_WRITE_BUFFER_MB, MAX_ROCKSDB_TOTAL_MB))
            .orElse(RocksDbSettings.DEFAULT_WRITE_BUFFER_MB);
    if (writeBuffer >= total) {
      rocksdb.error(
          "write-buffer-mb",
          "must be less than total-off-heap-mb (" + writeBuffer + " >= " + total + ")");
      return RocksDbSettings.DEFAULTS;
    }
    return RocksDbSettings.ofMegabytes(total, writeBuffer);
  }

  private static Duration startupTimeout(ConfigNode app) {
    return positive(app, "startup-timeout", AppSettings.DEFAULT_STARTUP_TIMEOUT);
  }

  private static Path stateDir(ConfigNode app) {
    String dir = app.value("state-dir", Parsers.nonEmpty()).required();
    try {
      return Path.of(dir);
    } catch (InvalidPathException e) {
      app.error("state-dir", "'" + dir + "' is not a valid path");
      return Path.of("");
    }
  }

  // Kafka takes -1 for "the broker's default.replication.factor"; 0 is never valid.
  private static int replicationFactor(ConfigNode app) {
    int factor =
        app.value(
                "replication-factor", Parsers.integer(BROKER_DEFAULT_REPLICATION, MAX_REPLICATION))
            .orElse(BROKER_DEFAULT_REPLICATION);
    if (factor == 0) {
      app.error("replication-factor", "must be -1 (broker default) or between 1 and 32767");
      return BROKER_DEFAULT_REPLICATION;
    }
    return factor;
  }
}
