package dev.healthstreams.runtime;

import dev.healthstreams.runtime.deadletter.DeadLetterDeserializationHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Dead letters for records of global tables that do not deserialize. TopologyTestDriver reads
 * global topics with a fixed log-and-continue handler, so a bad knowledge record would vanish from
 * a backtest; here the topology's own handler is asked, with the deserializer's own exception, and
 * the backtest writes the dead letters it returns.
 */
final class GlobalTableDeadLetters {
  private final DeserializationExceptionHandler handler = new DeadLetterDeserializationHandler();

  GlobalTableDeadLetters(Properties streamsProperties) {
    Map<String, Object> configs = new HashMap<>();
    streamsProperties.forEach((k, v) -> configs.put(String.valueOf(k), v));
    handler.configure(configs);
  }

  /** The dead letters of a record at {@code offset}; none when its value does deserialize. */
  List<ProducerRecord<byte[], byte[]>> of(
      String topic,
      long offset,
      long timestamp,
      byte[] key,
      byte[] value,
      Headers headers,
      Deserializer<?> deserializer) {
    Headers copy = new RecordHeaders(headers == null ? new RecordHeaders() : headers);
    try {
      deserializer.deserialize(topic, copy, value);
      return List.of();
    } catch (RuntimeException error) {
      ConsumerRecord<byte[], byte[]> record =
          new ConsumerRecord<>(
              topic,
              0,
              offset,
              timestamp,
              TimestampType.CREATE_TIME,
              key == null ? -1 : key.length,
              value == null ? -1 : value.length,
              key,
              value,
              copy,
              java.util.Optional.empty());
      return handler.handleError(new Context(record), record, error).deadLetterQueueRecords();
    }
  }

  /** Where the record failed, as the handler interface asks for it. */
  private record Context(ConsumerRecord<byte[], byte[]> record) implements ErrorHandlerContext {
    @Override
    public String topic() {
      return record.topic();
    }

    @Override
    public int partition() {
      return record.partition();
    }

    @Override
    public long offset() {
      return record.offset();
    }

    @Override
    public Headers headers() {
      return record.headers();
    }

    @Override
    public String processorNodeId() {
      return "global-deserializer";
    }

    /**
     * Not the global thread's -1_-1: asked as a task's handler is, the handler returns the dead
     * letters for the backtest to write rather than producing them to a broker itself.
     */
    @Override
    public TaskId taskId() {
      return new TaskId(0, 0);
    }

    @Override
    public long timestamp() {
      return record.timestamp();
    }

    @Override
    public byte[] sourceRawKey() {
      return record.key();
    }

    @Override
    public byte[] sourceRawValue() {
      return record.value();
    }
  }
}
