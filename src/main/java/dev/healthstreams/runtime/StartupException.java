package dev.healthstreams.runtime;

/** The app cannot start in this environment (unreachable cluster, missing topics): exit 1. */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
