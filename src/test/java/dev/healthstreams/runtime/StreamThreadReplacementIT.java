package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.SettingsReader;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyContext;
import dev.healthstreams.topology.TopologyDefinition;
import dev.healthstreams.topology.ValueFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that dies on an error no handler takes (an {@link Error}, not a bad record) is
 * replaced, and with exactly-once the record it died on is processed by its successor: nothing
 * after it is lost.
 */
class StreamThreadReplacementIT {
  @TempDir Path dir;

  /** Throws once on "poison", then behaves: as a transient fault in a dependency would. */
  static final AtomicInteger POISONINGS = new AtomicInteger();

  static final class UpperCaseOnce implements TopologyDefinition<Void> {
    static final TopicRole<byte[]> IN = TopicRole.streamInput("in", ValueFormat.json(), "in");
    static final TopicRole<byte[]> OUT = TopicRole.output("out", ValueFormat.json(), "out");

    public String name() {
      return "thread-replacement";
    }

    public String description() {
      return "test";
    }

    public List<TopicRole<?>> roles() {
      return List.of(IN, OUT, TopicRole.deadLetter());
    }

    public SettingsReader<Void> settingsReader() {
      return node -> null;
    }

    public Topology build(TopologyContext<Void> context) {
      StreamsBuilder builder = context.streamsBuilder();
      builder.stream(
              context.topic(IN).name(),
              Consumed.with(Serdes.String(), Serdes.String()).withName("read"))
          .mapValues(
              value -> {
                if (value.equals("poison") && POISONINGS.getAndIncrement() == 0) {
                  throw new AssertionError("the thread dies here");
                }
                return value.toUpperCase();
              },
              Named.as("upper"))
          .to(
              context.topic(OUT).name(),
              Produced.with(Serdes.String(), Serdes.String()).withName("write"));
      return builder.build();
    }
  }

  @Test
  void shouldReplaceADeadStreamThreadAndLoseNothing() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      try (var admin = kafka.admin()) {
        new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
            .ensure(
                List.of(
                    new TopicSpec("t.in", 1, (short) 1, false),
                    new TopicSpec("t.out", 1, (short) 1, false),
                    new TopicSpec("t.dlq", 1, (short) 1, false)));
      }
      TopologyConfig<Void> config =
          TopologyConfig.of(
              new UpperCaseOnce(),
              Map.of("in", "t.in", "out", "t.out", "dead-letter", "t.dlq"),
              null);
      BuiltTopology built =
          BuiltTopology.build(
              config,
              new BuildContext(
                  new AvroSerdes(SchemaRegistries.connect("mock://thread-replacement", Map.of())),
                  new SimpleMeterRegistry()));
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "thread-replacement-it");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

      try (RunningTopology running =
              RunningTopology.start(built, props, new SimpleMeterRegistry());
          KafkaProducer<String, String> producer =
              new KafkaProducer<>(
                  Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                  new StringSerializer(),
                  new StringSerializer())) {
        for (String value : List.of("before", "poison", "after")) {
          producer.send(new ProducerRecord<>("t.in", "k", value)).get();
        }
        List<String> out = readOutputs(kafka.bootstrapServers(), 3);

        assertEquals(List.of("BEFORE", "POISON", "AFTER"), out);
        assertTrue(POISONINGS.get() >= 2, "the poison was seen again by the replacement thread");
        assertEquals(KafkaStreams.State.RUNNING, running.state());
      }
    }
  }

  private static List<String> readOutputs(String bootstrap, int count) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "thread-replacement-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("t.out"));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }
}
