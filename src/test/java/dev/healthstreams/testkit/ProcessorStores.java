package dev.healthstreams.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A processor's real stores (RocksDB when the builders say persistent) on a state directory, under
 * a {@link MockProcessorContext}: one task's worth of state that a test closes, as a task closes
 * cleanly (flushed, then closed), and opens again on the same directory to show what survives a
 * restart. Several processors of one task share stores: each gets its own context over them.
 * Changelogging is off: the mock has no record collector, and a restart here is the local state
 * coming back, not a restore.
 */
public final class ProcessorStores implements AutoCloseable {
  private final Path stateDir;
  private final List<StateStore> stores = new ArrayList<>();

  private ProcessorStores(Path stateDir, List<StoreBuilder<?>> builders) {
    this.stateDir = stateDir;
    MockProcessorContext<Object, Object> opening = context();
    for (StoreBuilder<?> builder : builders) {
      StateStore store = builder.withLoggingDisabled().build();
      store.init(opening.getStateStoreContext(), store);
      stores.add(store);
    }
  }

  /** Opens the stores the builders make on {@code stateDir}, with what they held when closed. */
  public static ProcessorStores open(Path stateDir, StoreBuilder<?>... builders) {
    return new ProcessorStores(stateDir, List.of(builders));
  }

  /**
   * A context over the open stores to init a {@code Processor} with; its {@code forwarded()} is
   * what the processor sent on.
   */
  public <K, V> MockProcessorContext<K, V> context() {
    return context(Map.of());
  }

  /** {@link #context()} whose {@code appConfigs()} also hold {@code appConfigs}. */
  public <K, V> MockProcessorContext<K, V> context(Map<String, ?> appConfigs) {
    Properties props = new Properties();
    props.putAll(appConfigs);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    MockProcessorContext<K, V> context =
        new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
    stores.forEach(context::addStateStore);
    return context;
  }

  /**
   * The same context for a {@code FixedKeyProcessor} (Kafka has no mock of one): its forwards land
   * in {@code mock.forwarded()}.
   */
  public static <K, V> FixedKeyProcessorContext<K, V> fixedKey(MockProcessorContext<K, V> mock) {
    return new FixedKeyContext<>(mock);
  }

  /** A record as a {@code FixedKeyProcessor} receives it. */
  public static <K, V> FixedKeyRecord<K, V> fixedKey(Record<K, V> record) {
    return InternalFixedKeyRecordFactory.create(record);
  }

  /** The records forwarded since the last call, in order; forgets them. */
  public static <K, V> List<Record<K, V>> takeForwarded(MockProcessorContext<K, V> context) {
    List<Record<K, V>> records = new ArrayList<>();
    context
        .forwarded()
        .forEach(
            f ->
                records.add(
                    new Record<K, V>(
                        f.record().key(),
                        f.record().value(),
                        f.record().timestamp(),
                        f.record().headers())));
    context.resetForwards();
    return records;
  }

  /** Flushes and closes every store, as a task that closes cleanly does; the files stay. */
  @Override
  public void close() {
    for (StateStore store : stores) {
      if (store.isOpen()) {
        store.flush();
        store.close();
      }
    }
  }

  private record FixedKeyContext<K, V>(MockProcessorContext<K, V> mock)
      implements FixedKeyProcessorContext<K, V> {
    @Override
    public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
      mock.forward(
          new Record<>(record.key(), record.value(), record.timestamp(), record.headers()));
    }

    @Override
    public <K1 extends K, V1 extends V> void forward(
        FixedKeyRecord<K1, V1> record, String childName) {
      mock.forward(
          new Record<>(record.key(), record.value(), record.timestamp(), record.headers()),
          childName);
    }

    @Override
    public String applicationId() {
      return mock.applicationId();
    }

    @Override
    public TaskId taskId() {
      return mock.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return mock.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
      return mock.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
      return mock.valueSerde();
    }

    @Override
    public java.io.File stateDir() {
      return mock.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
      return mock.metrics();
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
      return mock.getStateStore(name);
    }

    @Override
    public Cancellable schedule(
        java.time.Duration interval, PunctuationType type, Punctuator callback) {
      return mock.schedule(interval, type, callback);
    }

    @Override
    public Cancellable schedule(
        java.time.Instant startTime,
        java.time.Duration interval,
        PunctuationType type,
        Punctuator callback) {
      return mock.schedule(startTime, interval, type, callback);
    }

    @Override
    public void commit() {
      mock.commit();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return mock.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return mock.appConfigsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
      return mock.currentSystemTimeMs();
    }

    @Override
    public long currentStreamTimeMs() {
      return mock.currentStreamTimeMs();
    }
  }
}
