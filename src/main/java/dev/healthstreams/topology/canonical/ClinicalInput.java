package dev.healthstreams.topology.canonical;

/**
 * What the clinical stage reads, partitioned by the patient source record ({@code system/id}): a
 * prescription or observation version, its deletion, or a change of that source record's golden
 * patient (one of the four).
 *
 * @param link true for a link change; then {@code goldenId} is the new golden patient or null
 * @param deletion a deleted prescription or observation
 */
public record ClinicalInput(
    PrescriptionRecord prescription,
    ObservationRecord observation,
    boolean link,
    String goldenId,
    String correlationId,
    String causationId,
    Deletion deletion) {

  /**
   * A deleted prescription or observation.
   *
   * @param entityKey as {@link #entityKey()} names it
   * @param id the rxId or Observation id, the key of its tombstone
   * @param position the CDC position of an {@code op: d}, null for a tombstone
   */
  public record Deletion(String entityKey, String id, Long position) {
    public boolean prescription() {
      return entityKey.startsWith(ReconciliationInput.PRESCRIPTION + "/");
    }

    ClinicalInput asInput(String correlationId, String causationId) {
      return new ClinicalInput(null, null, false, null, correlationId, causationId, this);
    }
  }

  public static ClinicalInput linkChange(String goldenId) {
    return new ClinicalInput(null, null, true, goldenId, null, null, null);
  }

  public static ClinicalInput of(PrescriptionRecord rx, String correlationId, String causationId) {
    return new ClinicalInput(rx, null, false, null, correlationId, causationId, null);
  }

  public static ClinicalInput of(
      ObservationRecord observation, String correlationId, String causationId) {
    return new ClinicalInput(null, observation, false, null, correlationId, causationId, null);
  }

  public static String prescriptionKey(String rxId) {
    return ReconciliationInput.PRESCRIPTION + "/" + rxId;
  }

  public static String observationKey(String id) {
    return "observation/" + id;
  }

  /** {@code prescription/<rxId>} or {@code observation/<id>}: the entity's own key. */
  public String entityKey() {
    if (deletion != null) {
      return deletion.entityKey();
    }
    if (prescription != null) {
      return prescriptionKey(prescription.rxId());
    }
    return observationKey(observation.id());
  }

  /** What orders the entity's versions and deletions; null when nothing does. */
  public Long sequence() {
    if (deletion != null) {
      return deletion.position();
    }
    return prescription != null ? prescription.sequence() : observation.sequence();
  }

  /**
   * The patient source record the stage files it under: its patient's, or for an observation
   * without a subject (it fails validation) its own key, which keeps it apart.
   */
  public String patientSource() {
    if (prescription != null) {
      return prescription.patientSource().text();
    }
    return observation.subjectPatientId() == null
        ? observationKey(observation.id())
        : observation.patientSource().text();
  }
}
