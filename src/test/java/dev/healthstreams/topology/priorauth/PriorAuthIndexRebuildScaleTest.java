package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.ProcessorStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check, run only when asked ({@code -Dpa.rebuild.scale=250000}): how long a
 * PA task's start takes to build its index store again from that many views in its RocksDB (README,
 * "prior-auth-projection"). The views are {@link PriorAuthListScaleTest}'s, written straight into
 * the store; the time is the processor's init, which empties the index store and fills it from
 * them.
 */
@EnabledIfSystemProperty(named = "pa.rebuild.scale", matches = "\\d+")
class PriorAuthIndexRebuildScaleTest {
  @TempDir Path stateDir;

  @Test
  void measureIndexRebuild() {
    int count = Integer.parseInt(System.getProperty("pa.rebuild.scale"));
    Serde<PriorAuthView> serde =
        new AvroSerdes(SchemaRegistries.connect("mock://pa-rebuild-scale", Map.of()))
            .specific(PriorAuthView.class);
    try (ProcessorStores stores =
        ProcessorStores.open(stateDir, PriorAuthProcessor.stores(serde))) {
      KeyValueStore<String, PriorAuthView> views =
          stores.<String, Object>context().getStateStore(PriorAuthProcessor.VIEW_STORE);
      List<KeyValue<String, PriorAuthView>> batch = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        PriorAuthView view = PriorAuthListScaleTest.view(i);
        batch.add(KeyValue.pair(view.getPriorAuthId(), view));
        if (batch.size() == 10_000 || i == count - 1) {
          views.putAll(batch);
          batch.clear();
        }
      }
    }
    for (int round = 1; round <= 2; round++) {
      try (ProcessorStores stores =
          ProcessorStores.open(stateDir, PriorAuthProcessor.stores(serde))) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MockProcessorContext<String, PriorAuthOutput> context = stores.context();
        long started = System.nanoTime();
        PriorAuthProcessor.supplier(
                PriorAuthTopology.NAME, PriorAuthSettings.defaults(), meters, serde)
            .get()
            .init(context);
        double seconds = (System.nanoTime() - started) / 1e9;
        long keys = 0;
        KeyValueStore<String, String> index = context.getStateStore(PriorAuthIndexes.STORE);
        try (KeyValueIterator<String, String> entries = index.all()) {
          for (; entries.hasNext(); entries.next()) {
            keys++;
          }
        }
        System.out.printf(
            "round %d: index of %,d views built in %.1f s (%,.0f views/s), %,d keys%n",
            round, count, seconds, count / seconds, keys);
        assertTrue(keys >= 4L * count, "listed and retention keys of every view");
      }
    }
  }
}
