package dev.healthstreams.fhir;

import java.util.List;

/**
 * What alerting needs of a FHIR R4 Observation, read without a full HAPI parse.
 *
 * @param subjectReference as written, e.g. "Patient/123" (null when absent)
 * @param effectiveTime epoch millis of effectiveDateTime, effectiveInstant or effectivePeriod.start
 *     (null when absent)
 * @param elements the Observation's own code/value first, then each component's
 * @param correlationId from the envelope's metadata.correlationId, null for a bare resource
 */
public record ObservationFacts(
    String id,
    String status,
    String subjectReference,
    Long effectiveTime,
    List<CodedValue> elements,
    String correlationId) {

  /** One coded element: its codings and its numeric value (null when it has none). */
  public record CodedValue(List<Coding> codings, Double value, String unitCode, String unitText) {}

  public record Coding(String system, String code, String display) {}
}
