package dev.healthstreams.config;

/**
 * A scalar that cannot be converted: what a {@link Parser} throws. The message is what the user
 * reads after the key's path and line, so it quotes the value only where that is safe. Internal
 * control flow only: {@link ConfigNode} turns it into a {@link ConfigError}, so it carries no stack
 * trace.
 */
public final class InvalidValue extends RuntimeException {
  public InvalidValue(String message) {
    super(message, null, false, false);
  }
}
