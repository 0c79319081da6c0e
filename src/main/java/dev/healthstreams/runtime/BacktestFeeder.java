package dev.healthstreams.runtime;

import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.topology.TopicSeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes records into the test driver as a cluster would have seen them: each at its time, with the
 * wall clock first moved up to that time (never back) so that wall-clock punctuators fire where
 * they would have in production. A record with no time gets its arrival time, 1 ms a record of its
 * role from the epoch, as a fast replay into a live cluster would.
 */
final class BacktestFeeder {
  private static final Logger log = LoggerFactory.getLogger(BacktestFeeder.class);

  /** How often outputs move from the driver to the files. */
  private static final int DRAIN_EVERY = 10_000;

  private final TopologyTestDriver driver;
  private final BuiltTopology topology;
  private final AvroSerdes avro;
  private final BacktestOutputs outputs;
  private final GlobalTableDeadLetters globalDeadLetters;
  private final Set<String> globalTopics;
  private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
  private final Map<String, Long> nextOffset = new HashMap<>();
  private final Map<String, Long> arrivals = new HashMap<>();
  private final Map<String, Deserializer<?>> deserializers = new HashMap<>();
  private long wallClock;
  private long fed;

  BacktestFeeder(
      TopologyTestDriver driver,
      BuiltTopology topology,
      AvroSerdes avro,
      Properties streamsProperties,
      BacktestOutputs outputs) {
    this.driver = driver;
    this.topology = topology;
    this.avro = avro;
    this.outputs = outputs;
    this.globalDeadLetters = new GlobalTableDeadLetters(streamsProperties);
    this.globalTopics = globalTopics(topology);
  }

  /**
   * Seeds (the interaction knowledge, say) at the epoch, as the runtime publishes them at start.
   */
  <V extends SpecificRecord> void seed(TopicSeed<V> seed) {
    String topic = topology.config().topic(seed.role());
    Serializer<V> values = avro.specific(seed.type()).serializer();
    seed.records()
        .forEach(
            (key, value) ->
                pipe(topic, new TestRecord<>(key, values.serialize(topic, value), null, 0L)));
  }

  void feed(InputRecord record) {
    long arrival = arrivals.merge(record.role(), 1L, Long::sum) - 1;
    long time = record.time() != null ? record.time() : arrival;
    if (time > wallClock) {
      driver.advanceWallClockTime(Duration.ofMillis(time - wallClock));
      wallClock = time;
    }
    long offset =
        pipe(
            record.topic(), new TestRecord<>(record.key(), record.value(), record.headers(), time));
    if (record.unconverted() != null) {
      // The conversion error names a field path and a type, never a value.
      log.warn(
          "topic={} offset={}: value not converted ({}), fed as it came",
          record.topic(),
          offset,
          record.unconverted());
      if (globalTopics.contains(record.topic())) {
        globalDeadLetters
            .of(
                record.topic(),
                offset,
                time,
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value(),
                record.headers(),
                deserializer(record.role()))
            .forEach(outputs::append);
      }
    }
    if (++fed % DRAIN_EVERY == 0) {
      outputs.drain();
    }
  }

  /** Pipes one record; returns the offset the topic gave it. */
  private long pipe(String topic, TestRecord<String, byte[]> record) {
    inputs
        .computeIfAbsent(
            topic,
            t -> driver.createInputTopic(t, new StringSerializer(), new ByteArraySerializer()))
        .pipeInput(record);
    return nextOffset.merge(topic, 1L, Long::sum) - 1;
  }

  private Deserializer<?> deserializer(String role) {
    return deserializers.computeIfAbsent(
        role, r -> topology.definition().role(r).format().serde(avro).deserializer());
  }

  private static Set<String> globalTopics(BuiltTopology topology) {
    Set<String> topics = new HashSet<>();
    topology
        .topology()
        .describe()
        .globalStores()
        .forEach(store -> topics.addAll(store.source().topicSet()));
    return topics;
  }
}
