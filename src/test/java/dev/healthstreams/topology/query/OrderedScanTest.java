package dev.healthstreams.topology.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.healthstreams.testkit.CountingStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of a list read from real RocksDB stores, one per partition (a test driver each): the
 * entries read grow with the page and the number of partitions, not with the store.
 */
class OrderedScanTest {
  private static final String STORE = "entries";
  private static final int PARTITIONS = 4;
  private static final int PAGE = 50;

  @TempDir Path stateDirs;
  private final List<TopologyTestDriver> drivers = new ArrayList<>();

  @AfterEach
  void close() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @Test
  void shouldReadAboutAPagePerPartitionWhateverTheStoreSize() {
    Loaded small = load("small", 2_000);
    Loaded large = load("large", 200_000);

    for (Loaded loaded : List.of(small, large)) {
      CountingStores stores = new CountingStores(loaded);
      LocalLister lister = StoreScan.<String>of(STORE, (key, value) -> TextNode.valueOf(value));
      String cursor = null;
      for (int page = 0; page < 3; page++) {
        stores.reset();
        List<ListItem> items =
            lister.list(
                stores,
                new QueryRequest(Map.of(), Map.of()),
                new PageRequest(Optional.ofNullable(cursor), PAGE));

        List<String> expected =
            loaded.keys.tailSet(cursor == null ? "" : cursor, false).stream()
                .limit(PAGE + 1)
                .toList();
        assertEquals(expected, items.stream().map(ListItem::key).toList());
        assertEquals("value of " + expected.get(0), items.get(0).value().asText());
        // Each partition's first entry, one more per item taken, and the cursor's own entry
        // (a range starts at the cursor) in the partition that holds it.
        int bound = PARTITIONS + PAGE + 1 + (cursor == null ? 0 : 1);
        assertTrue(
            stores.entriesRead(STORE) <= bound,
            loaded.keys.size() + " entries: page " + page + " read " + stores.entriesRead(STORE));
        cursor = items.get(PAGE - 1).key();
      }
    }
  }

  @Test
  void shouldWalkAClosedRangeAfterACursor() {
    Loaded stores = load("range", 2_000);
    List<String> expected =
        stores.keys.subSet("pa-0000500", false, "pa-0000600", true).stream().limit(20).toList();

    List<String> walked =
        OrderedScan.<String, List<String>>walk(
            stores.partitions(STORE),
            "pa-0000500",
            "pa-0000600",
            "pa-0000500",
            entries ->
                PartitionMerge.first(entries, entry -> true, 20).stream()
                    .map(PartitionEntry::key)
                    .toList());

    assertEquals(expected, walked);
  }

  /** Loads {@code count} keys spread over the partitions' stores; the keys, sorted. */
  private Loaded load(String name, int count) {
    Loaded stores = new Loaded();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      TopologyTestDriver driver = driver(stateDirs.resolve(name + "-" + partition));
      drivers.add(driver);
      // One input record per partition asks the processor for its share: loading is then a loop
      // of RocksDB puts, not 200,000 records through the driver.
      driver
          .createInputTopic("load", new IntegerSerializer(), new IntegerSerializer())
          .pipeInput(partition, count);
      stores.partitions.put(partition, driver.<String, String>getKeyValueStore(STORE));
    }
    for (int i = 0; i < count; i++) {
      stores.keys.add(key(i));
    }
    return stores;
  }

  private static String key(int i) {
    return String.format("pa-%07d", i);
  }

  // Not by range: a partition's keys are interleaved with the others', as a hash spreads them.
  private static int partitionOf(int i) {
    return Math.floorMod(Integer.hashCode(i * 0x9E3779B9), PARTITIONS);
  }

  private static TopologyTestDriver driver(Path stateDir) {
    Topology topology = new Topology();
    topology.addSource("load", Serdes.Integer().deserializer(), new IntegerDeserializer(), "load");
    topology.addProcessor(
        "put",
        () ->
            new Processor<Integer, Integer, Void, Void>() {
              private KeyValueStore<String, String> store;

              @Override
              public void init(
                  org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
                store = context.getStateStore(STORE);
              }

              @Override
              public void process(Record<Integer, Integer> load) {
                List<KeyValue<String, String>> batch = new ArrayList<>();
                for (int i = 0; i < load.value(); i++) {
                  if (partitionOf(i) == load.key()) {
                    batch.add(KeyValue.pair(key(i), "value of " + key(i)));
                  }
                }
                store.putAll(batch);
              }
            },
        "load");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        "put");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ordered-scan-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return new TopologyTestDriver(topology, props);
  }

  /** A replica's partitions of the store, and the keys loaded into them. */
  private static final class Loaded implements LocalStores {
    final Map<Integer, ReadOnlyKeyValueStore<String, String>> partitions = new TreeMap<>();
    final TreeSet<String> keys = new TreeSet<>();

    @Override
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
      throw new UnsupportedOperationException("a list reads partitions");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name) {
      Map<Integer, ReadOnlyKeyValueStore<K, V>> typed = new TreeMap<>();
      partitions.forEach((p, store) -> typed.put(p, (ReadOnlyKeyValueStore<K, V>) store));
      return typed;
    }
  }
}
