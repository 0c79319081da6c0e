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
      settings("prefix", Path.of("state"), 9000, 2, ROCKSDB, QUERY, REPLICAS);

  @Test
  void eachCopyChangesOnlyItsOwnSetting() {
    assertEquals(
        settings("other", Path.of("state"), 9000, 2, ROCKSDB, QUERY, REPLICAS),
        SETTINGS.withApplicationIdPrefix("other"));
    assertEquals(
        settings("prefix", Path.of("elsewhere"), 9000, 2, ROCKSDB, QUERY, REPLICAS),
        SETTINGS.withStateDir(Path.of("elsewhere")));
    assertEquals(
        settings("prefix", Path.of("state"), 8081, 2, ROCKSDB, QUERY, REPLICAS),
        SETTINGS.withHttpPort(8081));
    assertEquals(
        settings("prefix", Path.of("state"), 9000, 1, ROCKSDB, QUERY, REPLICAS),
        SETTINGS.withReplicationFactor(1));
  }

  @Test
  void copiesReplaceNestedSettingsWhole() {
    RocksDbSettings rocksdb = RocksDbSettings.ofMegabytes(300, 30);
    QuerySettings query = QuerySettings.DEFAULTS;
    ReplicaSettings replicas = ReplicaSettings.DEFAULTS;

    AppSettings changed = SETTINGS.withRocksDb(rocksdb).withQuery(query).withReplicas(replicas);

    assertEquals(settings("prefix", Path.of("state"), 9000, 2, rocksdb, query, replicas), changed);
  }

  /**
   * Built by the canonical constructor, the settings no copy changes fixed (and none at its
   * default), so a copy that touched one of them would not equal these.
   */
  private static AppSettings settings(
      String prefix,
      Path stateDir,
      int httpPort,
      int replicationFactor,
      RocksDbSettings rocksdb,
      QuerySettings query,
      ReplicaSettings replicas) {
    return new AppSettings(
        prefix,
        stateDir,
        ProcessingGuarantee.AT_LEAST_ONCE,
        httpPort,
        3,
        replicationFactor,
        Duration.ofSeconds(7),
        rocksdb,
        query,
        replicas,
        true);
  }
}
