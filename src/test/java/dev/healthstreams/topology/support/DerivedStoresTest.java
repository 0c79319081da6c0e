package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.testkit.ProcessorStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedStoresTest {
  @TempDir Path stateDir;

  @Test
  void shouldHoldExactlyTheEntriesOfTheSourceAfterARebuild() {
    try (ProcessorStores stores =
        ProcessorStores.open(
            stateDir,
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("source"), Serdes.String(), Serdes.Long()),
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("derived"), Serdes.String(), Serdes.String()))) {
      MockProcessorContext<Object, Object> context = stores.context();
      KeyValueStore<String, Long> source = context.getStateStore("source");
      KeyValueStore<String, String> derived = context.getStateStore("derived");
      source.put("a", 3L);
      source.put("b", 1L);
      source.put("c", 2L);
      // Left by a previous run: more than one batch of it, and one key the rebuild writes again.
      List<KeyValue<String, String>> stale = new ArrayList<>();
      for (int i = 0; i < 25_000; i++) {
        stale.add(KeyValue.pair(String.format("stale-%05d", i), "x"));
      }
      stale.add(KeyValue.pair("due-1|b", "stale"));
      derived.putAll(stale);

      DerivedStores.rebuild(
          derived, source, (key, due, put) -> put.accept("due-" + due + "|" + key, key));

      assertEquals(Map.of("due-1|b", "b", "due-2|c", "c", "due-3|a", "a"), contents(derived));
    }
  }

  private static Map<String, String> contents(KeyValueStore<String, String> store) {
    Map<String, String> contents = new TreeMap<>();
    try (KeyValueIterator<String, String> entries = store.all()) {
      entries.forEachRemaining(entry -> contents.put(entry.key, entry.value));
    }
    return contents;
  }
}
