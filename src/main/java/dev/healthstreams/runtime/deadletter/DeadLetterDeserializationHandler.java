package dev.healthstreams.runtime.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized goes to the dead-letter topic; processing goes on. A stream
 * task's dead letters are handed back to Kafka, which writes them in the task's transaction; those
 * of a global table are written by {@link GlobalDeadLetterWriter}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetterSettings settings;
  private GlobalDeadLetterWriter globalWriter;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = DeadLetterSettings.from(configs);
    globalWriter = GlobalDeadLetterWriter.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    DeadLetterRouter.Source source =
        new DeadLetterRouter.Source(
            record.topic(),
            record.partition(),
            record.offset(),
            "deserializer",
            record.key(),
            record.value(),
            record.headers());
    Optional<List<ProducerRecord<byte[], byte[]>>> deadLetters =
        DeadLetterRouter.route(settings, exception, "deserialization-error", source);
    if (deadLetters.isEmpty()) {
      return Response.fail();
    }
    return isGlobal(context)
        ? writeGlobal(source, deadLetters.get())
        : Response.resume(deadLetters.get());
  }

  /** The global thread's context has no task: Kafka gives it the id -1_-1. */
  private static boolean isGlobal(ErrorHandlerContext context) {
    return context.taskId() != null && context.taskId().subtopology() < 0;
  }

  private Response writeGlobal(
      DeadLetterRouter.Source source, List<ProducerRecord<byte[], byte[]>> deadLetters) {
    try {
      globalWriter.write(deadLetters);
      return Response.resume();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.fail();
    } catch (ExecutionException | TimeoutException e) {
      log.error(
          "topology={} topic={} partition={} offset={}: the dead letter of a global-table record"
              + " was not written ({}), stopping the global thread",
          settings.topology(),
          source.topic(),
          source.partition(),
          source.offset(),
          e.getClass().getSimpleName());
      return Response.fail();
    }
  }
}
