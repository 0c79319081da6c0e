package dev.healthstreams.runtime.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Writes the dead letters of global-table records itself. Kafka's global thread has no producer:
 * handed dead letters, Kafka 4.3.1 casts its context to a record-collector supplier it is not, and
 * the global thread dies with the whole application (InteractionRestartIT shows the record this
 * avoids). So these few records go through a producer of our own, created at the first one, with
 * the application's client settings (security included). Each is acknowledged before the global
 * thread goes on; a record reprocessed when the global table restores from before its checkpoint is
 * dead-lettered again, with the same provenance headers.
 *
 * <p>Kafka instantiates the handlers and never closes them, so the running topology {@link #install
 * installs} one writer in its Streams config, for the handlers to share, and closes it after its
 * KafkaStreams: otherwise the producer (and its network thread) outlives the topology.
 */
public final class GlobalDeadLetterWriter implements AutoCloseable {
  static final String CONFIG = "healthstreams.dead-letter.global-writer";
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Object> producerConfigs;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private Producer<byte[], byte[]> producer;
  private boolean closed;

  GlobalDeadLetterWriter(
      Map<String, ?> streamsConfigs,
      Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    Map<String, Object> configs = new HashMap<>(streamsConfigs);
    configs.keySet().removeIf(key -> key.startsWith("healthstreams."));
    String applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    this.producerConfigs =
        new HashMap<>(
            new StreamsConfig(configs).getProducerConfigs(applicationId + "-global-dead-letters"));
    producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producers = producers;
  }

  /** One writer for the handlers of the KafkaStreams built from {@code props}; close it after. */
  public static GlobalDeadLetterWriter install(Properties props) {
    Map<String, Object> configs = new HashMap<>();
    props.forEach((k, v) -> configs.put(String.valueOf(k), v));
    GlobalDeadLetterWriter writer = new GlobalDeadLetterWriter(configs, kafkaProducers());
    props.put(CONFIG, writer);
    return writer;
  }

  /** The writer installed in {@code configs}, or one of the handler's own (a backtest). */
  static GlobalDeadLetterWriter from(Map<String, ?> configs) {
    return configs.get(CONFIG) instanceof GlobalDeadLetterWriter shared
        ? shared
        : new GlobalDeadLetterWriter(configs, kafkaProducers());
  }

  private static Function<Map<String, Object>, Producer<byte[], byte[]>> kafkaProducers() {
    return configs ->
        new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends the records and waits for them; throws when the broker does not take them in time. */
  synchronized void write(List<ProducerRecord<byte[], byte[]>> records)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (closed) {
      throw new IllegalStateException("the topology is closed");
    }
    if (producer == null) {
      producer = producers.apply(producerConfigs);
    }
    for (ProducerRecord<byte[], byte[]> record : records) {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
      producer = null;
    }
  }
}
