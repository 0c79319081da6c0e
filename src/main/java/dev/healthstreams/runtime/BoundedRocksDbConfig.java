package dev.healthstreams.runtime;

import dev.healthstreams.config.AppSettings.RocksDbSettings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.TableFormatConfig;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store in the process, following the "bounded memory"
 * recipe of the Kafka Streams memory-management docs: one LRU block cache and one write-buffer
 * manager that charges memtables against that same cache, so that block cache, index and filter
 * blocks and memtables together stay near {@value #TOTAL_OFF_HEAP_BYTES_CONFIG}.
 *
 * <p>The cache and the manager are static on purpose. Kafka Streams makes one instance of this
 * class per store (per task and per store name), and this process runs several topologies, each a
 * KafkaStreams instance with its own stores, all in one JVM. A per-instance cache would multiply
 * the budget by the number of stores, which grows with partitions; one JVM-wide pair makes the cap
 * a property of the process, which is what a container memory limit sees. The pair is created on
 * the first {@link #setConfig} from that call's sizes (every topology gets the same sizes from
 * topologies.yaml) and lives as long as the JVM: {@link #close} never closes it, since other stores
 * still use it.
 *
 * <p>Sizes come from the Streams config keys {@value #TOTAL_OFF_HEAP_BYTES_CONFIG} and {@value
 * #WRITE_BUFFER_BYTES_CONFIG}, set by {@link StreamsProperties} from {@code app.rocksdb}; absent
 * keys take {@link #DEFAULT_TOTAL_OFF_HEAP_BYTES} and {@link #DEFAULT_WRITE_BUFFER_BYTES}.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

  public static final String TOTAL_OFF_HEAP_BYTES_CONFIG =
      "healthstreams.rocksdb.total-off-heap-bytes";
  public static final String WRITE_BUFFER_BYTES_CONFIG = "healthstreams.rocksdb.write-buffer-bytes";

  public static final long DEFAULT_TOTAL_OFF_HEAP_BYTES =
      RocksDbSettings.DEFAULTS.totalOffHeapBytes();
  public static final long DEFAULT_WRITE_BUFFER_BYTES = RocksDbSettings.DEFAULTS.writeBufferBytes();

  /** Share of the cache reserved for index and filter blocks (the docs' example value). */
  static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

  /** Memtables per store; Kafka Streams' own default. */
  static final int MAX_WRITE_BUFFERS = 3;

  /** The largest memtable of one store; Kafka Streams' own default. */
  static final long MAX_MEMTABLE_BYTES = 16L * 1024 * 1024;

  private static final Object LOCK = new Object();
  private static Shared shared;

  /** The JVM-wide cache and write-buffer manager, with the sizes they were made with. */
  record Shared(
      Cache cache, WriteBufferManager writeBufferManager, long totalBytes, long writeBufferBytes) {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long total = bytes(configs, TOTAL_OFF_HEAP_BYTES_CONFIG, DEFAULT_TOTAL_OFF_HEAP_BYTES);
    long writeBuffers = bytes(configs, WRITE_BUFFER_BYTES_CONFIG, DEFAULT_WRITE_BUFFER_BYTES);
    if (writeBuffers >= total) {
      throw new ConfigException(
          WRITE_BUFFER_BYTES_CONFIG,
          writeBuffers,
          "must be less than " + TOTAL_OFF_HEAP_BYTES_CONFIG);
    }
    Shared pair = shared(total, writeBuffers);

    // Kafka Streams hands over a BlockBasedTableConfig of its own (with a per-store cache that it
    // closes itself); replacing the cache here is what the docs do. A bare Options gets a new one.
    TableFormatConfig format = options.tableFormatConfig();
    BlockBasedTableConfig table =
        format instanceof BlockBasedTableConfig given ? given : new BlockBasedTableConfig();
    table.setBlockCache(pair.cache());
    // Index and filter blocks live in the cache (so they count against the cap), in its
    // high-priority pool; the top-level index and filter stay pinned so that lookups never miss
    // them.
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);

    options.setWriteBufferManager(pair.writeBufferManager());
    options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
    options.setWriteBufferSize(memtableBytes(pair.writeBufferBytes()));
  }

  /**
   * Nothing to close: this setter creates no per-store native object, and the shared cache and
   * write-buffer manager must outlive every store (closing them here would break the others).
   */
  @Override
  public void close(String storeName, Options options) {}

  /** The shared pair, created by the first call; later sizes are ignored (they are the same). */
  static Shared shared(long totalBytes, long writeBufferBytes) {
    synchronized (LOCK) {
      if (shared == null) {
        RocksDB.loadLibrary();
        Cache cache = new LRUCache(totalBytes, -1, false, INDEX_FILTER_BLOCK_RATIO);
        shared =
            new Shared(
                cache,
                new WriteBufferManager(writeBufferBytes, cache),
                totalBytes,
                writeBufferBytes);
      }
      return shared;
    }
  }

  /** One memtable: the budget split over a store's memtables, at most Streams' default size. */
  static long memtableBytes(long writeBufferBytes) {
    return Math.min(MAX_MEMTABLE_BYTES, writeBufferBytes / MAX_WRITE_BUFFERS);
  }

  private static long bytes(Map<String, Object> configs, String key, long defaultValue) {
    Object value = configs == null ? null : configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    long bytes;
    if (value instanceof Number number) {
      bytes = number.longValue();
    } else {
      try {
        bytes = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key, value, "must be a number of bytes");
      }
    }
    if (bytes <= 0) {
      throw new ConfigException(key, value, "must be positive");
    }
    return bytes;
  }
}
