package dev.healthstreams.topology.canonical;

/**
 * One pharmacy prescription change as read: the prescription and the patient source record it
 * carries, or, for a delete, the deleted rxId only.
 *
 * @param deletedPosition the CDC position of an {@code op: d}; null for a tombstone
 */
public record PharmacyChange(
    PrescriptionRecord prescription,
    PatientRecord patient,
    String deletedRxId,
    Long deletedPosition,
    String correlationId,
    String causationId) {

  /** The prescription or its deletion for the clinical stage. */
  ClinicalInput clinical() {
    if (prescription != null) {
      return ClinicalInput.of(prescription, correlationId, causationId);
    }
    return new ClinicalInput.Deletion(
            ClinicalInput.prescriptionKey(deletedRxId), deletedRxId, deletedPosition)
        .asInput(correlationId, causationId);
  }
}
