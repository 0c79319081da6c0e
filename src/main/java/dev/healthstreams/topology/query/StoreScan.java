package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The default lister: a string-keyed store walked in key order from the cursor over this replica's
 * partitions, stopping at the page ({@link OrderedScan}).
 */
final class StoreScan {
  private StoreScan() {}

  static <V> LocalLister of(String store, BiFunction<String, V, JsonNode> render) {
    return (stores, request, page) -> {
      String after = page.after().orElse(null);
      return OrderedScan.<V, List<ListItem>>walk(
          stores.partitions(store),
          after,
          null,
          after,
          entries ->
              PartitionMerge.first(entries, entry -> true, page.fetchSize()).stream()
                  .map(entry -> new ListItem(entry.key(), render.apply(entry.key(), entry.value())))
                  .toList());
    };
  }
}
