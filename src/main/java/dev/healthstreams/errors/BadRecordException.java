package dev.healthstreams.errors;

/**
 * A record that cannot be read or processed: it belongs on the dead-letter topic. {@code reason} is
 * a short kebab-case code (a metric tag and DLQ header); the message must be free of PHI: ids and
 * positions only, never names, values or payload text. Carries no Kafka type so that pure FHIR and
 * domain code can throw it.
 */
public class BadRecordException extends RuntimeException {
  private final String reason;

  public BadRecordException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
