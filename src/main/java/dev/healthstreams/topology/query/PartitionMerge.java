package dev.healthstreams.topology.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One sequence in key order from sources that are each in key order: a replica's partitions of a
 * store, walked together so that a page costs the page, not the store. A replica's store over all
 * its partitions chains their iterators one after another, so its order is not global; merging the
 * partitions' own walks is. Lazy: it holds one item per source and pulls the next one from a source
 * only when that source's item is taken, so taking n items reads at most {@code sources + n}.
 *
 * <p>Keys are compared as Strings. A store orders its serialized keys' bytes, and the stores merged
 * here have string keys serialized as UTF-8, whose byte order is the String order for the ASCII ids
 * the topologies use (it differs only between supplementary characters and U+E000..U+FFFF).
 *
 * @param <T> an item; {@code key} gives its sort key
 */
public final class PartitionMerge<T> implements Iterator<T> {
  private final List<? extends Iterator<? extends T>> sources;
  private final Function<? super T, String> key;
  private final String after;
  // Equal keys (none in a partitioned store, where a key lives in one partition) go in source
  // order.
  private final PriorityQueue<Head<T>> heads =
      new PriorityQueue<>(
          Comparator.<Head<T>, String>comparing(Head::key).thenComparingInt(Head::source));

  private record Head<T>(String key, T item, int source) {}

  private PartitionMerge(
      List<? extends Iterator<? extends T>> sources,
      Function<? super T, String> key,
      String after) {
    this.sources = sources;
    this.key = key;
    this.after = after;
    for (int source = 0; source < sources.size(); source++) {
      pull(source);
    }
  }

  /**
   * The items of {@code sources} in key order, those whose key is after {@code after} only
   * (exclusive; null for all), so that a source may start at the cursor itself, as a store's {@code
   * range(cursor, ...)} does.
   */
  public static <T> Iterator<T> merge(
      List<? extends Iterator<? extends T>> sources,
      Function<? super T, String> key,
      String after) {
    return new PartitionMerge<>(sources, key, after);
  }

  /** The first {@code n} items that {@code keep} accepts, reading no further than it needs. */
  public static <T> List<T> first(Iterator<T> items, Predicate<? super T> keep, int n) {
    List<T> kept = new ArrayList<>(Math.min(n, 1024));
    while (kept.size() < n && items.hasNext()) {
      T item = items.next();
      if (keep.test(item)) {
        kept.add(item);
      }
    }
    return kept;
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public T next() {
    Head<T> head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    pull(head.source());
    return head.item();
  }

  // The source's next item after the cursor, if any, becomes its head.
  private void pull(int source) {
    Iterator<? extends T> items = sources.get(source);
    while (items.hasNext()) {
      T item = items.next();
      String itemKey = key.apply(item);
      if (after == null || itemKey.compareTo(after) > 0) {
        heads.add(new Head<>(itemKey, item, source));
        return;
      }
    }
  }
}
