package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes to the dead-letter topic with the bytes it was read as
 * (KIP-1034 keeps them for us); processing goes on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private DeadLetterSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = DeadLetterSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (FailureClassifier.isPlatformOutage(exception)) {
      log.error(
          "topology={} topic={} partition={} offset={} node={}: schema registry failure, stopping the task",
          settings.topology(),
          context.topic(),
          context.partition(),
          context.offset(),
          context.processorNodeId());
      return Response.fail();
    }
    FailureClassifier.Failure failure = FailureClassifier.classify(exception, "processing-error");
    log.warn(
        "topology={} topic={} partition={} offset={} node={} reason={} error={}: sent to dead-letter topic {}",
        settings.topology(),
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        failure.reason(),
        failure.errorClass(),
        settings.topic());
    settings.counter().increment(settings.topology(), failure.reason());
    return Response.resume(
        DeadLetterRecords.of(
            settings.topic(),
            settings.topology(),
            failure,
            context.topic(),
            context.partition(),
            context.offset(),
            context.sourceRawKey(),
            context.sourceRawValue(),
            context.headers()));
  }
}
