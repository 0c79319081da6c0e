package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthClock;
import dev.healthstreams.avro.PriorAuthHistoryEntry;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.CountingStores;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalLister;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check, run only when asked ({@code -Dpa.list.scale=1000000}): list pages
 * over that many PAs on one replica. The views and their index entries are written straight into
 * the topology's RocksDB stores, spread over 4 partitions by Kafka's key hash as the bench's topics
 * are (feeding a million PAs through the topology would take this machine most of an hour), then
 * pages are asked of the PA lister as the HTTP endpoint asks it, without HTTP. Prints p50/p99 and
 * the entries read per page; for comparison, the time of one walk of every view, which is what a
 * page cost before lists merged their partitions.
 */
@EnabledIfSystemProperty(named = "pa.list.scale", matches = "\\d+")
class PriorAuthListScaleTest {
  private static final int PARTITIONS = 4;
  private static final int PAGE = 50;
  private static final int PAGES = 1_000;
  private static final String[] STATUSES = {
    "SUBMITTED",
    "PENDED",
    "APPROVED",
    "APPROVED",
    "DENIED",
    "DETERMINATION_COMMUNICATED",
    "INITIATED",
    "ADDITIONAL_INFO_REQUIRED",
    "CANCELLED",
    "PARTIALLY_APPROVED"
  };

  @TempDir Path stateDirs;
  private final List<TopologyTestDriver> drivers = new ArrayList<>();

  @AfterEach
  void close() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @Test
  void measureListPages() {
    int count = Integer.parseInt(System.getProperty("pa.list.scale"));
    Serde<PriorAuthView> views =
        new AvroSerdes(SchemaRegistries.connect("mock://pa-list-scale", Map.of()))
            .specific(PriorAuthView.class);
    long started = System.nanoTime();
    Map<Integer, TopologyTestDriver> partitions = new TreeMap<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      TopologyTestDriver driver = loader(partition, views);
      drivers.add(driver);
      driver
          .createInputTopic("load", new IntegerSerializer(), new IntegerSerializer())
          .pipeInput(partition, count);
      partitions.put(partition, driver);
    }
    System.out.printf(
        "loaded %,d PAs into %d partitions in %.1f s%n",
        count, PARTITIONS, (System.nanoTime() - started) / 1e9);
    CountingStores stores = new CountingStores(stores(partitions));
    LocalLister lister = lister();
    Random random = new Random(11);

    for (Map<String, String> filter :
        List.of(
            Map.<String, String>of(),
            Map.of("status", "APPROVED"),
            Map.of("payer", "payer-07"),
            Map.of("sla", "breached"),
            Map.of("payer", "payer-07", "status", "DENIED"),
            Map.of("provider", "provider-7"))) {
      // A provider filter has no index: its pages walk views until 51 match, so fewer of them.
      int pages = filter.containsKey("provider") ? PAGES / 10 : PAGES;
      for (boolean fromStart : List.of(true, false)) {
        long[] micros = new long[pages];
        long items = 0;
        long entries = 0;
        long gets = 0;
        for (int i = -pages / 10; i < pages; i++) {
          String cursor = fromStart ? null : id(random.nextInt(count));
          stores.reset();
          long start = System.nanoTime();
          List<ListItem> page =
              lister.list(
                  stores,
                  new QueryRequest(Map.of(), filter),
                  new PageRequest(Optional.ofNullable(cursor), PAGE));
          long took = (System.nanoTime() - start) / 1000;
          if (i >= 0) {
            micros[i] = took;
            entries += stores.entriesRead(PriorAuthIndexes.STORE);
            entries += stores.entriesRead(PriorAuthProcessor.VIEW_STORE);
            gets += stores.gets(PriorAuthProcessor.VIEW_STORE);
            items += page.size();
          }
        }
        Arrays.sort(micros);
        System.out.printf(
            "%,d PAs, %d partitions, filter %s, %s: p50 %.2f ms, p99 %.2f ms over %d pages;"
                + " per page %.1f items, %.1f entries walked, %.1f views read by key%n",
            count,
            PARTITIONS,
            filter,
            fromStart ? "first page" : "page at a random cursor",
            micros[pages / 2] / 1000.0,
            micros[pages * 99 / 100] / 1000.0,
            pages,
            items / (double) pages,
            entries / (double) pages,
            gets / (double) pages);
      }
    }
    for (int run = 0; run < 3; run++) {
      long start = System.nanoTime();
      long walked = 0;
      for (ReadOnlyKeyValueStore<String, PriorAuthView> partition :
          stores(partitions)
              .<String, PriorAuthView>partitions(PriorAuthProcessor.VIEW_STORE)
              .values()) {
        try (KeyValueIterator<String, PriorAuthView> all = partition.all()) {
          while (all.hasNext()) {
            all.next();
            walked++;
          }
        }
      }
      System.out.printf(
          "one walk of every view (a page's cost before): %,d views in %.0f ms%n",
          walked, (System.nanoTime() - start) / 1e6);
    }
  }

  private static LocalLister lister() {
    return ((ListQuery)
            new PriorAuthTopology()
                .queries(PriorAuthSettings.defaults()).stream()
                    .filter(q -> q.path().equals(PriorAuthQueries.LIST))
                    .findFirst()
                    .orElseThrow())
        .lister();
  }

  private static LocalStores stores(Map<Integer, TopologyTestDriver> drivers) {
    return new LocalStores() {
      @Override
      public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        throw new UnsupportedOperationException("lists read partitions");
      }

      @Override
      public <K, V> Map<Integer, ReadOnlyKeyValueStore<K, V>> partitions(String name) {
        Map<Integer, ReadOnlyKeyValueStore<K, V>> stores = new TreeMap<>();
        drivers.forEach((p, driver) -> stores.put(p, driver.<K, V>getKeyValueStore(name)));
        return stores;
      }
    };
  }

  private static String id(int i) {
    return String.format("pa-%08d", i);
  }

  // Kafka's default partitioner on the serialized key, as a producer places the PA's events.
  private static int partitionOf(String id) {
    return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  /** A view about the size of a real one: three history entries, one clock. */
  static PriorAuthView view(int i) {
    String status = STATUSES[(i / 3) % STATUSES.length];
    long t = 1_700_000_000_000L + i * 1_000L;
    boolean breached = i % 20 == 0;
    return PriorAuthView.newBuilder()
        .setPriorAuthId(id(i))
        .setStatus(breached ? "PENDED" : status)
        .setUrgent(i % 7 == 0)
        .setPayerId(String.format("payer-%02d", i % 19))
        .setPatientId("patient-" + i / 3)
        .setProviderId("provider-" + i % 500)
        .setPrescriptionId("rx-" + i)
        .setFirstSeenAt(t)
        .setLastUpdatedAt(t + 3_600_000L)
        .setHistory(
            List.of(
                entry("INITIATED", t, i, 1),
                entry("SUBMITTED", t + 60_000L, i, 2),
                entry(breached ? "PENDED" : status, t + 3_600_000L, i, 3)))
        .setTimeInStatusMs(Map.of("INITIATED", 60_000L, "SUBMITTED", 3_540_000L))
        .setClocks(
            List.of(
                PriorAuthClock.newBuilder()
                    .setSlaId("determination")
                    .setOrdinal(1)
                    .setState(breached ? "BREACHED" : "MET")
                    .setStartedAt(t + 60_000L)
                    .setDeadline(t + 60_000L + 7 * 86_400_000L)
                    .setStoppedAt(breached ? null : t + 3_600_000L)
                    .build()))
        .setCorrelationId("corr-" + i)
        .build();
  }

  private static PriorAuthHistoryEntry entry(String status, long at, int i, int n) {
    return PriorAuthHistoryEntry.newBuilder()
        .setStatus(status)
        .setStatusTimestamp(at)
        .setEventId("e-" + i + "-" + n)
        .build();
  }

  /** A driver whose one input record asks it to write its partition's share of the views. */
  private TopologyTestDriver loader(int partition, Serde<PriorAuthView> views) {
    Topology topology = new Topology();
    topology.addSource("load", new IntegerDeserializer(), new IntegerDeserializer(), "load");
    topology.addProcessor(
        "put",
        () ->
            new Processor<Integer, Integer, Void, Void>() {
              private KeyValueStore<String, PriorAuthView> viewStore;
              private KeyValueStore<String, String> index;

              @Override
              public void init(ProcessorContext<Void, Void> context) {
                viewStore = context.getStateStore(PriorAuthProcessor.VIEW_STORE);
                index = context.getStateStore(PriorAuthIndexes.STORE);
              }

              @Override
              public void process(Record<Integer, Integer> load) {
                List<KeyValue<String, PriorAuthView>> viewBatch = new ArrayList<>();
                List<KeyValue<String, String>> indexBatch = new ArrayList<>();
                for (int i = 0; i < load.value(); i++) {
                  if (partitionOf(id(i)) != load.key()) {
                    continue;
                  }
                  PriorAuthView view = view(i);
                  viewBatch.add(KeyValue.pair(view.getPriorAuthId(), view));
                  PriorAuthIndexes.keys(view)
                      .values()
                      .forEach(key -> indexBatch.add(KeyValue.pair(key, "")));
                  if (viewBatch.size() == 10_000) {
                    viewStore.putAll(viewBatch);
                    index.putAll(indexBatch);
                    viewBatch.clear();
                    indexBatch.clear();
                  }
                }
                viewStore.putAll(viewBatch);
                index.putAll(indexBatch);
              }
            },
        "load");
    // The topology's stores by name and serdes; no changelog, which the driver would hold in
    // memory.
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PriorAuthProcessor.VIEW_STORE),
                Serdes.String(),
                views)
            .withLoggingDisabled(),
        "put");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PriorAuthIndexes.STORE),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled(),
        "put");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pa-list-scale");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirs.resolve("p" + partition).toString());
    return new TopologyTestDriver(topology, props);
  }
}
