package dev.healthstreams.runtime.deadletter;

import dev.healthstreams.serde.BadRecordException;
import dev.healthstreams.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a bad record (dead-letter it, carry on) from a failing platform (stop the task so it is
 * retried from its last commit): sending records to the dead-letter topic because the registry is
 * briefly down would turn an outage into data to replay by hand.
 */
final class FailureClassifier {
  private FailureClassifier() {}

  record Failure(String reason, String errorClass, String safeMessage) {}

  static boolean isPlatformOutage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  static Failure classify(Throwable error, String fallbackReason) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BadRecordException bad) {
        return new Failure(bad.reason(), bad.getClass().getName(), bad.getMessage());
      }
    }
    Throwable root = rootCause(error);
    String reason =
        root instanceof SerializationException ? "deserialization-error" : fallbackReason;
    // The message of a foreign exception may quote the payload: only its class travels on.
    return new Failure(reason, root.getClass().getName(), null);
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
