package dev.healthstreams.config;

/**
 * A scalar that cannot be converted; the message is what the user reads after the path. Internal
 * control flow only: {@link ConfigNode} turns it into a {@link ConfigError}, so it carries no stack
 * trace.
 */
final class InvalidValue extends RuntimeException {
  InvalidValue(String message) {
    super(message, null, false, false);
  }
}
