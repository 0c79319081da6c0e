package dev.healthstreams.runtime.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Which of Kafka's own metrics {@code /metrics} exports. Kafka registers many of them per task and
 * store, per processor node or per partition: {@code demo} with every topology exported 15,600
 * series (3.7 MB a scrape), 8,000 of them RocksDB counters and latencies of each store of each
 * task, and 1,000 per processor node. Prometheus gets what the dashboards and alert rules use and
 * what tells a store's health (memory, size, compaction and stalls, background errors); the
 * operation latencies and rates per store, the per-node metrics and the consumer's per-partition
 * lead stay on JMX, where Kafka registers every one of them.
 */
public final class KafkaMeterFilter implements MeterFilter {
  private static final String STORE = "kafka.stream.state.";
  private static final String STATE_UPDATER = "kafka.stream.state.updater.";
  private static final String PROCESSOR_NODE = "kafka.stream.processor.node.";
  private static final String FETCH_MANAGER = "kafka.consumer.fetch.manager.";

  /** Per store and task, what says whether a store is healthy and what it costs. */
  private static final Set<String> STORE_HEALTH =
      Set.of(
          "size.all.mem.tables",
          "cur.size.all.mem.tables",
          "estimate.table.readers.mem",
          "block.cache.usage",
          "block.cache.pinned.usage",
          "block.cache.capacity",
          "estimate.num.keys",
          "live.sst.files.size",
          "total.sst.files.size",
          "estimate.pending.compaction.bytes",
          "compaction.pending",
          "num.running.compactions",
          "mem.table.flush.pending",
          "write.stall.duration.total",
          "background.errors");

  /** Per partition, where the log starts: nothing an operator acts on. */
  private static final Set<String> FETCH_DETAIL =
      Set.of("preferred.read.replica", "records.lead", "records.lead.avg", "records.lead.min");

  /**
   * This filter, or with {@code app.detailed-kafka-metrics} one that lets every metric through, for
   * an investigation that needs them on Prometheus.
   */
  public static MeterFilter forSettings(boolean detailedKafkaMetrics) {
    return detailedKafkaMetrics ? new MeterFilter() {} : new KafkaMeterFilter();
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return exported(id.getName()) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
  }

  static boolean exported(String name) {
    if (name.startsWith(PROCESSOR_NODE)) {
      return false;
    }
    if (name.startsWith(STORE) && !name.startsWith(STATE_UPDATER)) {
      return STORE_HEALTH.contains(name.substring(STORE.length()));
    }
    if (name.startsWith(FETCH_MANAGER)) {
      return !FETCH_DETAIL.contains(name.substring(FETCH_MANAGER.length()));
    }
    return true;
  }
}
