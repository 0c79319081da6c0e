package dev.healthstreams.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The demo's reader of output and dead-letter topics, on its own thread. */
public final class OutputWatcher implements AutoCloseable {
  /** What the watcher reads, as it arrives. */
  public interface Listener {
    /**
     * @param value the record as `tail` prints its value (Avro as plain JSON)
     */
    void output(String topic, JsonNode value);

    void deadLetter(String topic, String reason);
  }

  private final Thread thread;
  private volatile boolean running = true;

  private OutputWatcher(
      AppConfig config, List<String> outputs, List<String> deadLetters, Listener listener) {
    this.thread =
        new Thread(
            () -> watch(config, outputs, deadLetters, listener), "healthstreams-demo-watcher");
    thread.setDaemon(true);
  }

  public static OutputWatcher start(
      AppConfig config, List<String> outputs, List<String> deadLetters, Listener listener) {
    OutputWatcher watcher = new OutputWatcher(config, outputs, deadLetters, listener);
    watcher.thread.start();
    return watcher;
  }

  private void watch(
      AppConfig config, List<String> outputs, List<String> deadLetters, Listener listener) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "healthstreams-demo-watcher");
    // The demo's topics are new (its home is emptied at start): from the beginning, an output
    // written before this consumer had its partitions is shown too.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Set<String> dlq = Set.copyOf(deadLetters);
    List<String> topics = new ArrayList<>(outputs);
    topics.addAll(deadLetters);
    try (SchemaRegistryClient registry =
            SchemaRegistries.connect(
                config.kafka().schemaRegistryUrl(), config.kafka().properties());
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (dlq.contains(r.topic())) {
            Header reason = r.headers().lastHeader(DeadLetterHeaders.REASON);
            listener.deadLetter(
                r.topic(),
                reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8));
          } else {
            JsonNode line = RecordJson.toJson(r, registry);
            listener.output(r.topic(), line.get("value"));
          }
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
