package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record whose processing throws goes to the dead-letter topic with the bytes it was read as
 * (KIP-1034 keeps them for us); processing goes on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private DeadLetterSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = DeadLetterSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    DeadLetterRouter.Source source =
        new DeadLetterRouter.Source(
            context.topic(),
            context.partition(),
            context.offset(),
            context.processorNodeId(),
            context.sourceRawKey(),
            context.sourceRawValue(),
            context.headers());
    return DeadLetterRouter.route(settings, exception, "processing-error", source)
        .map(Response::resume)
        .orElseGet(Response::fail);
  }
}
