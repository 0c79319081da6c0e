package dev.healthstreams.runtime;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.query.QueryRecordWriter;
import dev.healthstreams.topology.query.QueryAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the records query answers leave behind to the topic of the topology's role, with one
 * idempotent producer made on first use (most apps never need it), waiting for the broker's
 * acknowledgement so that an answer is sent only once its records are written.
 */
final class QueryRecordProducer implements QueryRecordWriter, AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  private final AppConfig config;
  private KafkaProducer<byte[], byte[]> producer;

  QueryRecordProducer(AppConfig config) {
    this.config = config;
  }

  @Override
  public void write(String topology, List<QueryAnswer.Outbound> records) {
    if (records.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (QueryAnswer.Outbound record : records) {
      String topic = config.topology(topology).orElseThrow().topic(record.role());
      byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
      sent.add(producer().send(new ProducerRecord<>(topic, key, record.value())));
    }
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing a query's records", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write a query's records for " + topology, e);
    }
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> props = new HashMap<>(config.kafka().properties());
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      // An answer waits for its records' acknowledgement, so a linger (5 ms by default since
      // Kafka 4.0, or whatever kafka.properties sets for the Streams clients) is added to every
      // answer and buys nothing: records of concurrent answers still share a request in flight.
      props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, config.app().applicationIdPrefix() + "-queries");
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
