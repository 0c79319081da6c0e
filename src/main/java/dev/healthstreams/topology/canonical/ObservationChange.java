package dev.healthstreams.topology.canonical;

/**
 * One EHR Observation change as read: the observation, or for a delete its id only.
 *
 * @param deletedPosition the CDC position of an {@code op: d}; null for a tombstone
 */
public record ObservationChange(
    ObservationRecord observation,
    String deletedId,
    Long deletedPosition,
    String correlationId,
    String causationId) {

  /** The observation or its deletion for the clinical stage. */
  ClinicalInput clinical() {
    if (observation != null) {
      return ClinicalInput.of(observation, correlationId, causationId);
    }
    return new ClinicalInput.Deletion(
            ClinicalInput.observationKey(deletedId), deletedId, deletedPosition)
        .asInput(correlationId, causationId);
  }
}
