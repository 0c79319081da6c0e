package dev.healthstreams.topology.canonical;

/**
 * What the clinical stage reads, partitioned by the patient source record ({@code system/id}): a
 * prescription or observation version, or a change of that source record's golden patient (one of
 * the three).
 *
 * @param link true for a link change; then {@code goldenId} is the new golden patient or null
 */
public record ClinicalInput(
    PrescriptionRecord prescription,
    ObservationRecord observation,
    boolean link,
    String goldenId,
    String correlationId,
    String causationId) {

  public static ClinicalInput linkChange(String goldenId) {
    return new ClinicalInput(null, null, true, goldenId, null, null);
  }

  /** {@code prescription/<rxId>} or {@code observation/<id>}: the entity's own key. */
  public String entityKey() {
    if (prescription != null) {
      return ReconciliationInput.PRESCRIPTION + "/" + prescription.rxId();
    }
    return "observation/" + observation.id();
  }

  public Long sequence() {
    return prescription != null ? prescription.sequence() : observation.sequence();
  }
}
