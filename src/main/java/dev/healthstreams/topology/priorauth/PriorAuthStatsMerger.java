package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatsPart;
import dev.healthstreams.topology.support.StatefulProcessors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Per payer and urgency (the key, after the repartition): keeps the latest part of each
 * status-event partition and publishes their sum, to the queryable stats store and the stats topic,
 * when it changed. A part replaces the previous one of its partition, so a part that came twice
 * counts once.
 *
 * <p>Whether the sum changed is judged twice: against the store, to write it, and against what this
 * instance forwarded, to send it. Under at-least-once the store may come back from its changelog
 * with a sum whose record never reached the topic (a crash between the two); judged against the
 * store alone, that record would never be sent. A new instance so sends each key's sum once again.
 */
final class PriorAuthStatsMerger
    implements FixedKeyProcessor<String, PriorAuthStatsPart, PriorAuthStats> {
  // Not "prior-auth-stats", the name of the cached table before: that store's changelog holds
  // values with a timestamp in front, which this plain store would misread after an upgrade.
  static final String STATS_STORE = "prior-auth-stats-totals";
  static final String PARTS_STORE = "prior-auth-stats-parts";
  // Between a stats key and a partition in the parts store: stats keys end in "urgent" or
  // "standard", so the parts of one key are the range that starts with it and this separator.
  private static final char SEPARATOR = '\u0000';

  private FixedKeyProcessorContext<String, PriorAuthStats> context;
  private KeyValueStore<String, PriorAuthStats> parts;
  private KeyValueStore<String, PriorAuthStats> published;
  private final Map<String, PriorAuthStats> forwarded = new HashMap<>();

  static FixedKeyProcessorSupplier<String, PriorAuthStatsPart, PriorAuthStats> supplier(
      Serde<PriorAuthStats> statsSerde) {
    return StatefulProcessors.fixedKeySupplier(
        PriorAuthStatsMerger::new,
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PARTS_STORE), Serdes.String(), statsSerde),
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STATS_STORE), Serdes.String(), statsSerde));
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PriorAuthStats> context) {
    this.context = context;
    this.parts = context.getStateStore(PARTS_STORE);
    this.published = context.getStateStore(STATS_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, PriorAuthStatsPart> record) {
    String key = record.key();
    PriorAuthStatsPart part = record.value();
    String partKey = key + SEPARATOR + part.getPartition();
    if (part.getStats().getPriorAuths() == 0) {
      parts.delete(partKey);
    } else {
      parts.put(partKey, part.getStats());
    }
    PriorAuthStats total = sum(key);
    if (!total.equals(published.get(key))) {
      published.put(key, total);
    }
    if (!total.equals(forwarded.put(key, total))) {
      context.forward(record.withValue(total));
    }
  }

  private PriorAuthStats sum(String key) {
    List<DecisionStats> figures = new ArrayList<>();
    try (KeyValueIterator<String, PriorAuthStats> each =
        parts.range(key + SEPARATOR, key + (char) (SEPARATOR + 1))) {
      // Only this key's parts: a payer id holding the separator could sort others into the range.
      each.forEachRemaining(
          entry -> {
            if (entry.key.substring(0, entry.key.lastIndexOf(SEPARATOR)).equals(key)) {
              figures.add(PriorAuthStatsRecords.fromRecord(entry.value));
            }
          });
    }
    return PriorAuthStatsRecords.toRecord(
        DecisionStats.sum(Contribution.payerOf(key), Contribution.isUrgentKey(key), figures));
  }
}
