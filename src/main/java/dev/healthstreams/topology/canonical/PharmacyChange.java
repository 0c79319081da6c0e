package dev.healthstreams.topology.canonical;

/**
 * One pharmacy prescription change as read: the prescription and the patient source record it
 * carries, or, for a delete, the deleted rxId only.
 */
public record PharmacyChange(
    PrescriptionRecord prescription,
    PatientRecord patient,
    String deletedRxId,
    String correlationId,
    String causationId) {}
