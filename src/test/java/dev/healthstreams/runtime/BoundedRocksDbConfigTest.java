package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.AppSettings.RocksDbSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbConfigTest {
  private static final Map<String, Object> CONFIGS =
      Map.of(
          BoundedRocksDbConfig.TOTAL_OFF_HEAP_BYTES_CONFIG, 32L * 1024 * 1024,
          BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, 8L * 1024 * 1024);

  /** What Kafka Streams' RocksDBStore hands the setter: its table config with its own cache. */
  private static Options streamsLikeOptions() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
    return options;
  }

  private static Cache blockCacheOf(Options options) {
    return ((BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig()).blockCache();
  }

  @Test
  void shouldGiveEveryStoreTheSameCacheAndIndexSettings() {
    try (Options first = streamsLikeOptions();
        Options second = streamsLikeOptions()) {
      new BoundedRocksDbConfig().setConfig("store-a", first, CONFIGS);
      new BoundedRocksDbConfig().setConfig("store-b", second, CONFIGS);

      Cache cache = blockCacheOf(first);
      assertSame(cache, blockCacheOf(second));
      assertSame(BoundedRocksDbConfig.shared(1, 0).cache(), cache);
      BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
      assertTrue(table.cacheIndexAndFilterBlocks());
      assertTrue(table.cacheIndexAndFilterBlocksWithHighPriority());
      assertTrue(table.pinTopLevelIndexAndFilter());
      assertEquals(BoundedRocksDbConfig.MAX_WRITE_BUFFERS, first.maxWriteBufferNumber());
      assertEquals(
          BoundedRocksDbConfig.memtableBytes(BoundedRocksDbConfig.shared(1, 0).writeBufferBytes()),
          first.writeBufferSize());
      assertTrue(first.writeBufferManager() != null);
    }
  }

  @Test
  void shouldConfigureBareOptionsWithABlockBasedTable() {
    try (Options options = new Options()) {
      new BoundedRocksDbConfig().setConfig("store", options, CONFIGS);

      assertTrue(options.tableFormatConfig() instanceof BlockBasedTableConfig);
      assertTrue(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks());
    }
  }

  @Test
  void shouldLeaveTheSharedCacheUsableAfterAStoreCloses(@TempDir Path dir) throws Exception {
    BoundedRocksDbConfig setter = new BoundedRocksDbConfig();
    try (Options options = streamsLikeOptions()) {
      options.setCreateIfMissing(true);
      setter.setConfig("closing", options, CONFIGS);
      setter.close("closing", options);
    }

    Cache cache = BoundedRocksDbConfig.shared(1, 0).cache();
    assertTrue(cache.isOwningHandle());
    // A store opened after another one closed still works on the shared cache and manager.
    try (Options options = streamsLikeOptions()) {
      options.setCreateIfMissing(true);
      new BoundedRocksDbConfig().setConfig("after", options, CONFIGS);
      assertSame(cache, blockCacheOf(options));
      try (RocksDB db = RocksDB.open(options, dir.toString());
          FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        byte[] key = "patient-1".getBytes(StandardCharsets.UTF_8);
        db.put(key, "value".getBytes(StandardCharsets.UTF_8));
        db.flush(flush);
        assertArrayEquals("value".getBytes(StandardCharsets.UTF_8), db.get(key));
      }
    }
    assertTrue(cache.isOwningHandle());
  }

  @Test
  void shouldRejectWriteBuffersNotBelowTheTotal() {
    try (Options options = new Options()) {
      assertThrows(
          ConfigException.class,
          () ->
              new BoundedRocksDbConfig()
                  .setConfig(
                      "store",
                      options,
                      Map.of(
                          BoundedRocksDbConfig.TOTAL_OFF_HEAP_BYTES_CONFIG, "100",
                          BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG, "100")));
    }
  }

  @Test
  void shouldPassTheSizesFromAppRocksDbToStreams() {
    Map<String, Object> props = StreamsProperties.rocksDb(RocksDbSettings.ofMegabytes(512, 100));

    assertEquals(
        Map.of(
            StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
            BoundedRocksDbConfig.class,
            BoundedRocksDbConfig.TOTAL_OFF_HEAP_BYTES_CONFIG,
            512L * 1024 * 1024,
            BoundedRocksDbConfig.WRITE_BUFFER_BYTES_CONFIG,
            100L * 1024 * 1024),
        props);
  }
}
