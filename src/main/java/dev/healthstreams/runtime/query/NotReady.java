package dev.healthstreams.runtime.query;

/**
 * The data cannot be read right now (rebalancing, restoring, owner and standbys unreachable):
 * answered {@code 503} with {@code Retry-After}, never as an empty answer.
 */
final class NotReady extends RuntimeException {
  NotReady(String reason) {
    super(reason, null, false, false);
  }
}
