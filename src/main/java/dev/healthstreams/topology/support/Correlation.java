package dev.healthstreams.topology.support;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The correlation id of an input: the envelope's {@code metadata.correlationId} when the record is
 * enveloped, else the {@code correlation-id} header a producer of bare resources may set.
 */
public final class Correlation {
  public static final String HEADER = "correlation-id";

  private Correlation() {}

  /**
   * @param fromEnvelope the envelope's correlation id, null for a bare resource or none given
   * @return the id, or null when neither the envelope nor a header gives one
   */
  public static String id(String fromEnvelope, Headers headers) {
    return fromEnvelope != null ? fromEnvelope : fromHeader(headers);
  }

  /** The last {@code correlation-id} header as UTF-8, or null. */
  public static String fromHeader(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(HEADER);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
