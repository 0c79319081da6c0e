package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.support.ExpiringEntryStore.Entry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store the alert gate keeps its memory in, on real RocksDB, across restarts. */
class ExpiringEntryStoreTest {
  private static final String NAME = "entries";
  private static final Duration HOUR = Duration.ofHours(1);
  private static final long H = HOUR.toMillis();
  private static final long T = 1_713_348_900_000L; // 2024-04-17T10:15:00Z

  @TempDir Path stateDir;
  private ProcessorStores stores;
  private MockProcessorContext<Object, Object> context;

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
  }

  @Test
  void shouldFindEntriesWithinTheReachOfAnArrivalBothWaysAndNoFurther() {
    ExpiringEntryStore entries = open(HOUR);
    entries.add("a", T, "at-t");
    entries.add("a", T + H, "an-hour-later");
    entries.add("a", T + H + 1, "just-past-an-hour");

    assertEquals(List.of("at-t", "an-hour-later"), values(entries.near("a", T)));
    assertEquals(
        List.of("an-hour-later", "just-past-an-hour"), values(entries.near("a", T + 2 * H)));
    assertEquals(List.of(), values(entries.near("a", T - H - 1)));
    assertEquals(List.of("at-t"), values(entries.near("a", T - H)));
  }

  @Test
  void shouldKeepEveryEntryOfAKeyInOneMillisecondAndNotMixKeysThatShareAPrefix() {
    ExpiringEntryStore entries = open(HOUR);
    entries.add("p1", T, "first");
    entries.add("p1", T, "second");
    entries.add("p1|hr", T, "group");
    entries.add("p", T, "shorter");

    assertEquals(List.of("first", "second"), values(entries.near("p1", T)));
    assertEquals(List.of("group"), values(entries.near("p1|hr", T)));
    assertEquals(List.of("shorter"), values(entries.near("p", T)));
    assertEquals(List.of(), values(entries.near("p1|h", T)));
  }

  @Test
  void shouldDeleteEntriesTwoReachesBehindTheLatestArrivalAndIgnoreWritesThatLate() {
    ExpiringEntryStore entries = open(HOUR);
    entries.add("old", T, "old");
    entries.add("kept", T + H, "kept");
    entries.add("late", T + 3 * H, "moves time on");
    entries.add("too-late", T, "ignored");

    // Two reaches behind T + 3h is T + 1h: "old" went, "kept" (arrived exactly then) stays.
    assertEquals(List.of(), values(entries.near("old", T)));
    assertEquals(List.of(), values(entries.near("too-late", T)));
    assertEquals(List.of("kept"), values(entries.near("kept", T + H)));
    assertEquals(List.of("kept", "late"), storedKeys());
  }

  @Test
  void shouldRememberAcrossARestartEvenWithALongerReach() {
    ExpiringEntryStore entries = open(HOUR);
    entries.add("a", T, "before");
    stores.close();

    ExpiringEntryStore reopened = open(Duration.ofHours(4));
    assertEquals(List.of("before"), values(reopened.near("a", T + 3 * H)));
  }

  @Test
  void shouldSweepEntriesWrittenBeforeARestart() {
    ExpiringEntryStore entries = open(HOUR);
    entries.add("a", T, "before");
    stores.close();

    ExpiringEntryStore reopened = open(HOUR);
    reopened.add("b", T + 5 * H, "after");
    assertEquals(List.of("b"), storedKeys());
  }

  @Test
  void shouldCarryAnyCharacterInAValue() {
    List<Entry> entries =
        List.of(new Entry(T, "line\nbreak\0nul|pipe"), new Entry(-5, "Ωmega 😀"), new Entry(0, ""));
    byte[] bytes = ExpiringEntriesSerde.write(entries);
    assertEquals(entries, ExpiringEntriesSerde.read(ByteBuffer.wrap(bytes)));
  }

  private ExpiringEntryStore open(Duration reach) {
    stores = ProcessorStores.open(stateDir, ExpiringEntryStore.builder(NAME));
    context = stores.context();
    return ExpiringEntryStore.of(context, NAME, reach);
  }

  /** The keys of every entry on disk, each once, in key order. */
  private List<String> storedKeys() {
    KeyValueStore<String, List<Entry>> raw = context.getStateStore(NAME);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, List<Entry>> it = raw.all()) {
      it.forEachRemaining(
          kv -> {
            String key = ExpiringEntryStore.keyOf(kv.key);
            if (key != null) {
              keys.add(key);
            }
          });
    }
    return keys;
  }

  private static List<String> values(List<Entry> entries) {
    return entries.stream().map(Entry::value).toList();
  }
}
