package dev.healthstreams.fhir;

/**
 * What interaction checking needs of a FHIR R4 MedicationRequest, read without a full HAPI parse.
 *
 * @param status as written (active, on-hold, stopped, ...), null when absent
 * @param subjectReference as written, e.g. "Patient/123", null when absent
 * @param drug the drug named by medicationCodeableConcept or by a contained Medication; null when
 *     the request references a Medication resource (resolve it with {@link
 *     MedicationReferences#medicationId}) or its concept has no coding
 * @param medicationReference medicationReference.reference as written ("Medication/abc", "#med1"),
 *     kept for a contained Medication too for traceability; null for a codeable concept
 * @param correlationId from the envelope's metadata.correlationId, null for a bare resource
 */
public record MedicationRequestFacts(
    String id,
    String status,
    String subjectReference,
    DrugCode drug,
    String medicationReference,
    String correlationId) {}
