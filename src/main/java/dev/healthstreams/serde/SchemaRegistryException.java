package dev.healthstreams.serde;

/** The registry refused a request or could not be reached. */
public class SchemaRegistryException extends RuntimeException {
  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
