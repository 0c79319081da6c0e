package dev.healthstreams.serde;

/**
 * The schema registry could not be reached or refused a request. Operational, not a property of one
 * record: callers should not dead-letter records because of it. Messages carry the registry URL
 * (without credentials), subjects, ids and the registry's error code, never schema payloads of
 * records.
 */
public class SchemaRegistryException extends RuntimeException {
  private final int status;

  public SchemaRegistryException(String message) {
    this(message, -1, null);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    this(message, -1, cause);
  }

  public SchemaRegistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the registry answered with, or -1 when there was no answer. */
  public int status() {
    return status;
  }
}
