package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The default lister: a scan of a string-keyed store, keeping only the page's smallest keys. */
final class StoreScan {
  private StoreScan() {}

  static <V> LocalLister of(String store, BiFunction<String, V, JsonNode> render) {
    return (stores, request, page) -> {
      ReadOnlyKeyValueStore<String, V> values = stores.keyValueStore(store);
      // A replica's store spans several partitions whose iterators are chained, not merged, so
      // the order is not global: keep the smallest fetchSize keys seen (bounded memory).
      TreeMap<String, V> smallest = new TreeMap<>();
      try (KeyValueIterator<String, V> entries =
          page.after().isPresent() ? values.range(page.after().get(), null) : values.all()) {
        while (entries.hasNext()) {
          KeyValue<String, V> entry = entries.next();
          if (page.isAfterCursor(entry.key)) {
            smallest.put(entry.key, entry.value);
            if (smallest.size() > page.fetchSize()) {
              smallest.pollLastEntry();
            }
          }
        }
      }
      List<ListItem> items = new ArrayList<>(smallest.size());
      for (Map.Entry<String, V> entry : smallest.entrySet()) {
        items.add(new ListItem(entry.getKey(), render.apply(entry.getKey(), entry.getValue())));
      }
      return items;
    };
  }
}
