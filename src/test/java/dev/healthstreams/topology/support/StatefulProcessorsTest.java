package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class StatefulProcessorsTest {
  private final StoreBuilder<KeyValueStore<String, String>> first = store("first");
  private final StoreBuilder<KeyValueStore<String, String>> second = store("second");

  @Test
  void shouldDeclareItsStoresInTheOrderGiven() {
    ProcessorSupplier<String, String, String, String> supplier =
        StatefulProcessors.supplier(Noop::new, second, first);

    assertEquals(List.of(second, first), List.copyOf(supplier.stores()));
  }

  @Test
  void shouldMakeANewProcessorForEachTask() {
    ProcessorSupplier<String, String, String, String> supplier =
        StatefulProcessors.supplier(Noop::new, first);
    FixedKeyProcessorSupplier<String, String, String> fixedKey =
        StatefulProcessors.fixedKeySupplier(FixedKeyNoop::new, first, second);

    assertNotSame(supplier.get(), supplier.get());
    assertNotSame(fixedKey.get(), fixedKey.get());
    assertEquals(List.of(first, second), List.copyOf(fixedKey.stores()));
  }

  private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String());
  }

  private static final class Noop implements Processor<String, String, String, String> {
    @Override
    public void process(Record<String, String> record) {}
  }

  private static final class FixedKeyNoop implements FixedKeyProcessor<String, String, String> {
    @Override
    public void process(FixedKeyRecord<String, String> record) {}
  }
}
