package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The default lister: a string-keyed store walked in key order from the cursor over this replica's
 * partitions, stopping at the page ({@link OrderedScan}).
 */
final class StoreScan {
  private StoreScan() {}

  static <V> LocalLister of(String store, BiFunction<String, V, JsonNode> render) {
    return of(store, value -> true, render);
  }

  /** Only the entries whose value is {@code shown}: a page still holds a page of them. */
  static <V> LocalLister of(
      String store, Predicate<V> shown, BiFunction<String, V, JsonNode> render) {
    return (stores, request, page) -> {
      String after = page.after().orElse(null);
      return OrderedScan.<V, List<ListItem>>walk(
          stores.partitions(store),
          after,
          null,
          after,
          entries ->
              PartitionMerge.first(entries, entry -> shown.test(entry.value()), page.fetchSize())
                  .stream()
                  .map(entry -> new ListItem(entry.key(), render.apply(entry.key(), entry.value())))
                  .toList());
    };
  }
}
