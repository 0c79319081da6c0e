package dev.healthstreams.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.config.AppSettings.RocksDbSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSettingsTest {
  private static final RocksDbSettings ROCKSDB = RocksDbSettings.ofMegabytes(100, 10);
  private static final QuerySettings QUERY = new QuerySettings(Optional.of("replica-1"), 5);
  private static final ReplicaSettings REPLICAS =
      new ReplicaSettings(2, Optional.of("pod-0"), Duration.ofSeconds(20), Duration.ofSeconds(9));
  private static final AppSettings SETTINGS =
      new AppSettings(
          "prefix",
          Path.of("state"),
          ProcessingGuarantee.AT_LEAST_ONCE,
          9000,
          3,
          2,
          Duration.ofSeconds(7),
          ROCKSDB,
          QUERY,
          REPLICAS,
          true);

  @Test
  void eachCopyChangesOnlyItsOwnSetting() {
    assertEquals(
        new AppSettings(
            "other",
            Path.of("state"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            9000,
            3,
            2,
            Duration.ofSeconds(7),
            ROCKSDB,
            QUERY,
            REPLICAS,
            true),
        SETTINGS.withApplicationIdPrefix("other"));
    assertEquals(
        new AppSettings(
            "prefix",
            Path.of("elsewhere"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            9000,
            3,
            2,
            Duration.ofSeconds(7),
            ROCKSDB,
            QUERY,
            REPLICAS,
            true),
        SETTINGS.withStateDir(Path.of("elsewhere")));
    assertEquals(
        new AppSettings(
            "prefix",
            Path.of("state"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            8081,
            3,
            2,
            Duration.ofSeconds(7),
            ROCKSDB,
            QUERY,
            REPLICAS,
            true),
        SETTINGS.withHttpPort(8081));
    assertEquals(
        new AppSettings(
            "prefix",
            Path.of("state"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            9000,
            3,
            1,
            Duration.ofSeconds(7),
            ROCKSDB,
            QUERY,
            REPLICAS,
            true),
        SETTINGS.withReplicationFactor(1));
  }

  @Test
  void copiesReplaceNestedSettingsWhole() {
    RocksDbSettings rocksdb = RocksDbSettings.ofMegabytes(300, 30);
    QuerySettings query = QuerySettings.DEFAULTS;
    ReplicaSettings replicas = ReplicaSettings.DEFAULTS;

    AppSettings changed = SETTINGS.withRocksDb(rocksdb).withQuery(query).withReplicas(replicas);

    assertEquals(
        new AppSettings(
            "prefix",
            Path.of("state"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            9000,
            3,
            2,
            Duration.ofSeconds(7),
            rocksdb,
            query,
            replicas,
            true),
        changed);
  }
}
