package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record that cannot be deserialized goes to the dead-letter topic; processing goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private DeadLetterSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = DeadLetterSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (FailureClassifier.isPlatformOutage(exception)) {
      log.error(
          "topology={} topic={} partition={} offset={}: schema registry failure, stopping the task",
          settings.topology(),
          record.topic(),
          record.partition(),
          record.offset());
      return Response.fail();
    }
    FailureClassifier.Failure failure =
        FailureClassifier.classify(exception, "deserialization-error");
    log.warn(
        "topology={} topic={} partition={} offset={} reason={}: sent to dead-letter topic {}",
        settings.topology(),
        record.topic(),
        record.partition(),
        record.offset(),
        failure.reason(),
        settings.topic());
    settings.counter().increment(settings.topology(), failure.reason());
    return Response.resume(
        DeadLetterRecords.of(
            settings.topic(),
            settings.topology(),
            failure,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            record.headers()));
  }
}
