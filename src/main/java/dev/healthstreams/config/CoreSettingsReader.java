package dev.healthstreams.config;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.AppSettings.RocksDbSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads the {@code kafka:} and {@code app:} blocks, which every topology shares. */
final class CoreSettingsReader {
  static final String NAME_PATTERN = "[a-zA-Z0-9._-]+";
  private static final int BROKER_DEFAULT_REPLICATION = -1;
  private static final int MAX_REPLICATION = Short.MAX_VALUE;
  private static final int MIN_ROCKSDB_TOTAL_MB = 16;
  private static final int MAX_ROCKSDB_TOTAL_MB = 65536;
  private static final int MIN_ROCKSDB_WRITE_BUFFER_MB = 4;
  // A DNS name or IPv4 address, or an IPv6 literal in brackets: what a peer puts in a URL.
  private static final String HOST_PATTERN = "[a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+\\]";

  private CoreSettingsReader() {}

  static KafkaSettings kafka(ConfigNode kafka) {
    return new KafkaSettings(
        kafka.requiredString("bootstrap-servers"),
        kafka.requiredString("schema-registry-url"),
        kafka.stringMap("properties"));
  }

  static AppSettings app(ConfigNode app) {
    return new AppSettings(
        app.string("application-id-prefix", "healthstreams", NAME_PATTERN),
        stateDir(app),
        app.enumValue(
            "processing-guarantee", ProcessingGuarantee.class, ProcessingGuarantee.EXACTLY_ONCE_V2),
        app.integer("http-port", 8080, 0, 65535),
        app.integer("num-stream-threads", 1, 1, 64),
        replicationFactor(app),
        startupTimeout(app),
        app.child("rocksdb").map(CoreSettingsReader::rocksDb).orElse(RocksDbSettings.DEFAULTS),
        new QuerySettings(
            advertisedHost(app),
            app.child("query")
                .map(
                    query ->
                        query.integer(
                            "max-lag", (int) QuerySettings.DEFAULT_MAX_LAG, 0, Integer.MAX_VALUE))
                .orElse((int) QuerySettings.DEFAULT_MAX_LAG)));
  }

  private static Optional<String> advertisedHost(ConfigNode app) {
    Optional<String> host = app.optionalString("advertised-host");
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
        rocksdb.integer(
            "total-off-heap-mb",
            RocksDbSettings.DEFAULT_TOTAL_OFF_HEAP_MB,
            MIN_ROCKSDB_TOTAL_MB,
            MAX_ROCKSDB_TOTAL_MB);
    int writeBuffer =
        rocksdb.integer(
            "write-buffer-mb",
            RocksDbSettings.DEFAULT_WRITE_BUFFER_MB,
            MIN_ROCKSDB_WRITE_BUFFER_MB,
            MAX_ROCKSDB_TOTAL_MB);
    if (writeBuffer >= total) {
      rocksdb.error(
          "write-buffer-mb",
          "must be less than total-off-heap-mb (" + writeBuffer + " >= " + total + ")");
      return RocksDbSettings.DEFAULTS;
    }
    return RocksDbSettings.ofMegabytes(total, writeBuffer);
  }

  private static Duration startupTimeout(ConfigNode app) {
    Duration timeout = app.duration("startup-timeout", AppSettings.DEFAULT_STARTUP_TIMEOUT);
    if (timeout.isZero()) {
      app.error("startup-timeout", "must be longer than zero");
      return AppSettings.DEFAULT_STARTUP_TIMEOUT;
    }
    return timeout;
  }

  private static Path stateDir(ConfigNode app) {
    String dir = app.requiredString("state-dir");
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
        app.integer(
            "replication-factor",
            BROKER_DEFAULT_REPLICATION,
            BROKER_DEFAULT_REPLICATION,
            MAX_REPLICATION);
    if (factor == 0) {
      app.error("replication-factor", "must be -1 (broker default) or between 1 and 32767");
      return BROKER_DEFAULT_REPLICATION;
    }
    return factor;
  }
}
