package dev.healthstreams.runtime.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record that cannot be deserialized goes to the dead-letter topic; processing goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private DeadLetterSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = DeadLetterSettings.from(configs);
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
    return DeadLetterRouter.route(settings, exception, "deserialization-error", source)
        .map(Response::resume)
        .orElseGet(Response::fail);
  }
}
