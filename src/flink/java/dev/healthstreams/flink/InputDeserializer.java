package dev.healthstreams.flink;

import dev.healthstreams.topology.support.Correlation;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Takes a Kafka record as it is: the value stays bytes, read by the operator after it (the
 * Observation reader, which is cheap, or the patient reader), so a bad value becomes a dead letter
 * there instead of failing the source.
 */
final class InputDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
    out.collect(
        new InputRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            record.value(),
            Correlation.fromHeader(record.headers())));
  }

  @Override
  public TypeInformation<InputRecord> getProducedType() {
    return TypeInformation.of(InputRecord.class);
  }
}
