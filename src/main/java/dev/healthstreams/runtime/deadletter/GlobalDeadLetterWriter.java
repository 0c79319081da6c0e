package dev.healthstreams.runtime.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 */
final class GlobalDeadLetterWriter {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> producerConfigs;
  private Producer<byte[], byte[]> producer;

  GlobalDeadLetterWriter(Map<String, ?> streamsConfigs) {
    Map<String, Object> configs = new HashMap<>(streamsConfigs);
    configs.keySet().removeIf(key -> key.startsWith("healthstreams."));
    String applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    this.producerConfigs =
        new HashMap<>(
            new StreamsConfig(configs).getProducerConfigs(applicationId + "-global-dead-letters"));
    producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
  }

  /** Sends the records and waits for them; throws when the broker does not take them in time. */
  synchronized void write(List<ProducerRecord<byte[], byte[]>> records)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              producerConfigs, new ByteArraySerializer(), new ByteArraySerializer());
    }
    for (ProducerRecord<byte[], byte[]> record : records) {
      producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
