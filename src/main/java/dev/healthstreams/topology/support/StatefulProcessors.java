package dev.healthstreams.topology.support;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Processor suppliers that declare their stores ({@code stores()}), so the DSL adds and connects
 * them and the wiring names no store. Processors that share a store must be given the same {@link
 * StoreBuilder} instance: Kafka rejects two different builders of one name.
 */
public final class StatefulProcessors {
  private StatefulProcessors() {}

  public static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(
      Supplier<Processor<KIn, VIn, KOut, VOut>> processor, StoreBuilder<?>... stores) {
    Set<StoreBuilder<?>> declared = declared(stores);
    return new ProcessorSupplier<>() {
      @Override
      public Processor<KIn, VIn, KOut, VOut> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return declared;
      }
    };
  }

  public static <K, VIn, VOut> FixedKeyProcessorSupplier<K, VIn, VOut> fixedKeySupplier(
      Supplier<FixedKeyProcessor<K, VIn, VOut>> processor, StoreBuilder<?>... stores) {
    Set<StoreBuilder<?>> declared = declared(stores);
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<K, VIn, VOut> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return declared;
      }
    };
  }

  /** In the order given, so stores are added to the topology in a stable order. */
  private static Set<StoreBuilder<?>> declared(StoreBuilder<?>... stores) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(stores)));
  }
}
