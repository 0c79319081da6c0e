package dev.healthstreams.runtime;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.topology.Topic;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A test-only topology with a wall-clock punctuator, as SLA clocks and consent expiry will have:
 * each record (keyed by an id) sets a deadline one hour after its timestamp and is echoed as {@code
 * "seen <id>"}; once the wall clock passes a deadline, the punctuator writes {@code "due <id> at
 * <wall clock millis>"}.
 */
final class DeadlineTestTopology implements TopologyDefinition<Duration> {
  static final String NAME = "deadline-test";
  static final Duration DUE_AFTER = Duration.ofHours(1);
  static final TopicRole<byte[]> EVENTS =
      TopicRole.streamInput("events", ValueFormat.json(), "anything, keyed by id");
  static final TopicRole<byte[]> OUT =
      TopicRole.output("out", ValueFormat.json(), "seen and due lines");
  private static final String STORE = "deadlines";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "deadlines one hour after each record, fired by the wall clock (a test topology)";
  }

  @Override
  public List<TopicRole<?>> roles() {
    return List.of(EVENTS, OUT, TopicRole.deadLetter());
  }

  @Override
  public SettingsReader<Duration> settingsReader() {
    return block -> DUE_AFTER;
  }

  @Override
  public Topology build(TopologyContext<Duration> context) {
    Topic<String, byte[]> events = context.topic(EVENTS);
    Topic<String, byte[]> out = context.topic(OUT);
    StreamsBuilder builder = context.streamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long()));
    builder.stream(events.name(), events.consumed("read-events"))
        .process(() -> new DeadlineProcessor(context.settings()), Named.as("deadlines"), STORE)
        .to(out.name(), out.produced("write-out"));
    return builder.build();
  }

  private static final class DeadlineProcessor
      implements Processor<String, byte[], String, byte[]> {
    private final Duration dueAfter;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Long> deadlines;

    DeadlineProcessor(Duration dueAfter) {
      this.dueAfter = dueAfter;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
      deadlines = context.getStateStore(STORE);
      context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      deadlines.put(record.key(), record.timestamp() + dueAfter.toMillis());
      context.forward(record.withValue(bytes("seen " + record.key())));
    }

    private void fireDue(long wallClock) {
      List<KeyValue<String, Long>> due = new ArrayList<>();
      try (KeyValueIterator<String, Long> all = deadlines.all()) {
        all.forEachRemaining(
            entry -> {
              if (entry.value <= wallClock) {
                due.add(entry);
              }
            });
      }
      for (KeyValue<String, Long> entry : due) {
        deadlines.delete(entry.key);
        context.forward(
            new Record<>(entry.key, bytes("due " + entry.key + " at " + wallClock), wallClock));
      }
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
