package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatsDelta;
import dev.healthstreams.topology.support.StatefulProcessors;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Per payer and urgency (the key, after the repartition): applies PA contribution deltas to the
 * figures, stores and sends them. Decoded histograms are cached per key for this task (decoding one
 * per delta would cost more than the rest); the store stays the truth across restarts.
 */
final class PriorAuthStatsProcessor
    implements FixedKeyProcessor<String, PriorAuthStatsDelta, PriorAuthStats> {
  static final String STATS_STORE = "prior-auth-stats";

  private final Map<String, DecisionStats> cache = new HashMap<>();
  private FixedKeyProcessorContext<String, PriorAuthStats> context;
  private KeyValueStore<String, PriorAuthStats> stats;

  static FixedKeyProcessorSupplier<String, PriorAuthStatsDelta, PriorAuthStats> supplier(
      Serde<PriorAuthStats> statsSerde) {
    return StatefulProcessors.fixedKeySupplier(
        PriorAuthStatsProcessor::new,
        // Cached: one payer's figures change with every delta; the changelog takes the last of
        // each commit interval.
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATS_STORE), Serdes.String(), statsSerde)
            .withCachingEnabled());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PriorAuthStats> context) {
    this.context = context;
    this.stats = context.getStateStore(STATS_STORE);
    cache.clear(); // a task that is re-initialized may have rolled its store back
  }

  @Override
  public void process(FixedKeyRecord<String, PriorAuthStatsDelta> record) {
    String key = record.key();
    int bar = key.lastIndexOf('|');
    String payer = key.substring(0, bar);
    boolean urgent = key.endsWith("|urgent");
    DecisionStats figures = cache.computeIfAbsent(key, k -> load(k, payer, urgent));
    Contribution removed = PriorAuthRecords.contribution(record.value().getRemove(), payer, urgent);
    Contribution added = PriorAuthRecords.contribution(record.value().getAdd(), payer, urgent);
    figures.replace(removed, added);
    PriorAuthStats written = PriorAuthStatsRecords.toRecord(figures);
    stats.put(key, written);
    context.forward(record.withValue(written));
  }

  private DecisionStats load(String key, String payer, boolean urgent) {
    PriorAuthStats stored = stats.get(key);
    return stored == null
        ? new DecisionStats(payer, urgent)
        : PriorAuthStatsRecords.fromRecord(stored);
  }
}
