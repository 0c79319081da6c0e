package dev.healthstreams.runtime.deadletter;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler does with a record that failed: on a platform outage, nothing (the task stops
 * and is retried from its last commit); otherwise log where and why (never what), count it and
 * build its dead letter.
 */
final class DeadLetterRouter {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRouter.class);

  /** Where the failed record came from, and its bytes as read. */
  record Source(
      String topic,
      int partition,
      long offset,
      String node,
      byte[] key,
      byte[] value,
      Headers headers) {}

  private DeadLetterRouter() {}

  /** The dead-letter records to write, or empty when the task must fail instead. */
  static Optional<List<ProducerRecord<byte[], byte[]>>> route(
      DeadLetterSettings settings, Exception error, String fallbackReason, Source source) {
    if (FailureClassifier.isPlatformOutage(error)) {
      log.error(
          "topology={} topic={} partition={} offset={} node={}: schema registry failure, stopping the task",
          settings.topology(),
          source.topic(),
          source.partition(),
          source.offset(),
          source.node());
      return Optional.empty();
    }
    FailureClassifier.Failure failure = FailureClassifier.classify(error, fallbackReason);
    log.warn(
        "topology={} topic={} partition={} offset={} node={} reason={} error={}: sent to dead-letter topic {}",
        settings.topology(),
        source.topic(),
        source.partition(),
        source.offset(),
        source.node(),
        failure.reason(),
        failure.errorClass(),
        settings.topic());
    settings.counter().increment(settings.topology(), failure.reason());
    return Optional.of(
        DeadLetterRecords.of(
            settings.topic(),
            settings.topology(),
            failure,
            source.topic(),
            source.partition(),
            source.offset(),
            source.key(),
            source.value(),
            source.headers()));
  }
}
