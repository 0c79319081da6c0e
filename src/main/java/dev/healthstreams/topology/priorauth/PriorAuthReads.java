package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthView;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the list queries read of this replica's stores (the topology adapts its Kafka stores to it).
 * Each walk is in key order within a partition, not across this replica's partitions.
 */
public interface PriorAuthReads {
  /**
   * The ids under {@code value} in an index ({@link PriorAuthIndexes#BY_STATUS}...), after {@code
   * afterId} (null: from the start).
   */
  void indexed(String index, String value, String afterId, Consumer<String> id);

  /** Every view after {@code afterId} (null: from the start). */
  void views(String afterId, BiConsumer<String, PriorAuthView> view);

  PriorAuthView view(String id);

  /** Figures whose key starts with {@code prefix} (empty: all). */
  void stats(String prefix, BiConsumer<String, PriorAuthStats> stats);
}
