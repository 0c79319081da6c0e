package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.query.PartitionEntry;
import java.util.Iterator;
import java.util.function.Function;

/**
 * What the list queries read of this replica's stores (the topology adapts its Kafka stores to it).
 * Each walk is in key order across this replica's partitions and lazy: the caller reads as far as
 * its page needs, and each walk's store iterators are closed when {@code walk} returns.
 */
public interface PriorAuthReads {
  /**
   * The PAs under {@code value} in an index ({@link PriorAuthIndexes#BY_STATUS}...) with ids after
   * {@code afterId} (null: from the start), keyed by id, each with its view (null if it is gone).
   */
  <R> R indexed(
      String index,
      String value,
      String afterId,
      Function<Iterator<PartitionEntry<PriorAuthView>>, R> walk);

  /** Every view with an id after {@code afterId} (null: from the start). */
  <R> R views(String afterId, Function<Iterator<PartitionEntry<PriorAuthView>>, R> walk);

  /** Figures whose key starts with {@code prefix} (empty: all) and is after {@code afterKey}. */
  <R> R stats(
      String prefix, String afterKey, Function<Iterator<PartitionEntry<PriorAuthStats>>, R> walk);
}
