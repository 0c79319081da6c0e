package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A list over every replica's share of a store, in key order, a page at a time ({@code limit},
 * {@code cursor}). Each replica lists its own active partitions with {@code lister}; the replica
 * asked merges their pages.
 *
 * @param lister this replica's items: the store walked in key order from the cursor ({@link
 *     #scanning}), or the topology's own reading, e.g. through a secondary-index store filtered by
 *     the request's parameters; either way a page should read about the page ({@link OrderedScan})
 */
public record ListQuery(String path, String store, LocalLister lister) implements QueryEndpoint {

  /** Every entry of a string-keyed store, rendered by {@code render(key, value)}. */
  public static <V> ListQuery scanning(
      String path, String store, BiFunction<String, V, JsonNode> render) {
    return new ListQuery(path, store, StoreScan.of(store, render));
  }

  /**
   * The entries of a string-keyed store whose value is {@code shown}, rendered by {@code render}.
   */
  public static <V> ListQuery scanning(
      String path, String store, Predicate<V> shown, BiFunction<String, V, JsonNode> render) {
    return new ListQuery(path, store, StoreScan.of(store, shown, render));
  }
}
