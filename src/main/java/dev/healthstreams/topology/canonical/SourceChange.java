package dev.healthstreams.topology.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change read from a source topic, whatever its wrapping: the document after the change (null
 * for a delete), the CDC position and commit time when Debezium gave them, and the envelope's
 * correlation id.
 *
 * @param document the bare document (FHIR resource, pharmacy JSON); null when {@code delete}
 * @param before Debezium's {@code before}, or null; a delete's document names what was deleted
 * @param position {@code source.lsn} or {@code source.pos}, or null
 * @param sourceTimestamp {@code source.ts_ms} (else the event's {@code ts_ms}), or null
 */
public record SourceChange(
    boolean delete,
    JsonNode document,
    JsonNode before,
    Long position,
    Long sourceTimestamp,
    String correlationId) {

  /** What a delete names: the document before it, when the event carried one. */
  public JsonNode deletedDocument() {
    return before;
  }
}
