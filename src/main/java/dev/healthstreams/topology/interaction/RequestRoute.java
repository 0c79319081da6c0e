package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;

/**
 * What is remembered of one MedicationRequest id between its versions: the patient it was last
 * assigned to, and whether it goes through the Medication join.
 *
 * <p>Only a request that names its drug by a Medication resource needs the join (which waits for a
 * late Medication and follows a changed one); the others, most of them, skip its two extra hops. A
 * request that has taken the join once keeps taking it: its later versions then leave in order
 * behind the earlier ones, which a version taking the direct way could overtake. (So the route of a
 * deleted request that took the join is kept: a few bytes per such request.)
 *
 * @param patientId the patient its active version counts for; null before the first version is
 *     assigned and after a delete
 * @param viaMedicationJoin whether any version so far needed the Medication join
 */
record RequestRoute(String patientId, boolean viaMedicationJoin) {
  static final RequestRoute UNKNOWN = new RequestRoute(null, false);

  /** Whether this version (null: the request was deleted) goes through the Medication join. */
  boolean joins(MedicationOrder version) {
    return viaMedicationJoin || (version != null && needsMedication(version));
  }

  /** The route after this version has been sent on. */
  RequestRoute after(MedicationOrder version) {
    return joins(version) == viaMedicationJoin ? this : new RequestRoute(patientId, true);
  }

  RequestRoute assignedTo(String patient) {
    return new RequestRoute(patient, viaMedicationJoin);
  }

  /** Nothing worth keeping: a deleted request that never took the join. */
  boolean isEmpty() {
    return patientId == null && !viaMedicationJoin;
  }

  /** A Medication reference not resolved by the request itself (contained Medications are). */
  private static boolean needsMedication(MedicationOrder version) {
    return version.getDrugCode() == null && version.getMedicationId() != null;
  }
}
