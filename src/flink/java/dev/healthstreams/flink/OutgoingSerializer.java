package dev.healthstreams.flink;

import dev.healthstreams.avro.ClinicalAlert;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.alerting.ObservationAlertingTopology;
import dev.healthstreams.topology.support.Correlation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes what the Kafka Streams topology writes: alerts keyed by patient id, their value a
 * ClinicalAlert in the Confluent wire format registered under {@code <topic>-value}; dead letters
 * with the input's key and value and the {@code healthstreams.*} headers. Every record keeps the
 * timestamp of the input it came from (the loader's send time), as Kafka Streams does, which is
 * what the bench's latency meter subtracts. The partition is left to the producer: the same key
 * hash as Kafka Streams' default.
 */
final class OutgoingSerializer
    implements KafkaRecordSerializationSchema<Outgoing>, KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;

  private final String registryUrl;
  private final HashMap<String, String> kafkaProperties;
  private final ArrayList<String> topics;
  private transient Serializer<ClinicalAlert> wire;
  private transient AvroBytes<ClinicalAlert> alerts;

  /**
   * @param topics every topic it writes (alerts, routes, dead letters): the sink's POOLING
   *     transaction naming asks for them
   */
  OutgoingSerializer(
      String registryUrl, HashMap<String, String> kafkaProperties, List<String> topics) {
    this.registryUrl = registryUrl;
    this.kafkaProperties = kafkaProperties;
    this.topics = new ArrayList<>(topics);
  }

  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(topics)));
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink) {
    wire =
        new AvroSerdes(SchemaRegistries.connect(registryUrl, kafkaProperties))
            .specific(ClinicalAlert.class)
            .serializer();
    alerts = new AvroBytes<>(ClinicalAlert.class);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Outgoing out, KafkaSinkContext context, Long timestamp) {
    byte[] key = out.key == null ? null : out.key.getBytes(StandardCharsets.UTF_8);
    if (!out.isDeadLetter()) {
      byte[] value = wire.serialize(out.topic, alerts.decode(out.value));
      return new ProducerRecord<>(out.topic, null, timestamp, key, value);
    }
    RecordHeaders headers = new RecordHeaders();
    if (out.correlationId != null) {
      header(headers, Correlation.HEADER, out.correlationId);
    }
    header(headers, DeadLetterHeaders.ERROR_CLASS, out.errorClass);
    header(headers, DeadLetterHeaders.REASON, out.errorReason);
    if (out.errorMessage != null) {
      header(headers, DeadLetterHeaders.MESSAGE, out.errorMessage);
    }
    header(headers, DeadLetterHeaders.TOPOLOGY, ObservationAlertingTopology.NAME);
    header(headers, DeadLetterHeaders.SOURCE_TOPIC, out.sourceTopic);
    header(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(out.sourcePartition));
    header(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(out.sourceOffset));
    return new ProducerRecord<>(out.topic, null, timestamp, key, out.value, headers);
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
