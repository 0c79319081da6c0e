package dev.healthstreams.runtime;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a topology does when one of its stream threads dies. An unexpected error replaces the thread
 * (with exactly-once its tasks resume from the last commit). A refusal by the cluster (the
 * principal lacks an ACL, or its credentials are rejected) would fail again in every replacement,
 * forever: that topology stops instead (its KafkaStreams goes to ERROR, so readiness turns false)
 * and the others in the process keep running. Only class names and topic names are logged:
 * exception messages may quote data.
 */
final class StreamThreadFailures {
  private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

  private StreamThreadFailures() {}

  static StreamThreadExceptionResponse respond(String topology, Throwable error) {
    Optional<RuntimeException> refusal = refusal(error);
    if (refusal.isPresent()) {
      log.error(
          "topology={} stopped: the cluster refused its principal ({}{}); grant what `topics"
              + " --acls` lists, or fix the credentials, and restart",
          topology,
          refusal.get().getClass().getSimpleName(),
          refusal.get() instanceof TopicAuthorizationException denied
              ? " on topics " + denied.unauthorizedTopics()
              : "");
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    log.error(
        "topology={} stream thread failed ({}); replacing it",
        topology,
        error.getClass().getName());
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** The authorization or authentication error anywhere in the cause chain. */
  static Optional<RuntimeException> refusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
        return Optional.of((RuntimeException) t);
      }
    }
    return Optional.empty();
  }
}
