package dev.healthstreams.runtime.deadletter;

import dev.healthstreams.errors.BadRecordException;
import dev.healthstreams.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
    for (Throwable t : causeChain(error)) {
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  static Failure classify(Throwable error, String fallbackReason) {
    List<Throwable> chain = causeChain(error);
    for (Throwable t : chain) {
      if (t instanceof BadRecordException bad) {
        return new Failure(bad.reason(), bad.getClass().getName(), bad.getMessage());
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    String reason =
        root instanceof SerializationException ? "deserialization-error" : fallbackReason;
    // The message of a foreign exception may quote the payload: only its class travels on.
    return new Failure(reason, root.getClass().getName(), null);
  }

  /**
   * The error and its causes, outermost first, each once: a cause cycle (A caused by B caused by A)
   * must not hang the stream thread that is handling the error.
   */
  private static List<Throwable> causeChain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
