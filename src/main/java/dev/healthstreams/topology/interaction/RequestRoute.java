package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.topology.support.UndoLog;

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
 * @param patientUndo under at-least-once, the patient before each move or delete that records not
 *     yet committed made ({@link UndoLog}; a first assignment has nothing to undo). The route is
 *     written apart from the removal a move or a delete sends to the old patient, so a crash can
 *     land the one without the other; a record read again then meets the patient it first met and
 *     sends the removal again. Always empty under exactly-once, where the two are committed
 *     together. Versions reach patient assignment from two topics (the request topic, or the join's
 *     response topic), so a log can hold positions of both: a record read again undoes every change
 *     from the first of its own partition at or after it, and the changes of either topic after
 *     that were made since the last commit too, so their records are read again and redo them.
 */
record RequestRoute(String patientId, boolean viaMedicationJoin, UndoLog<String> patientUndo) {
  static final RequestRoute UNKNOWN = new RequestRoute(null, false);

  RequestRoute(String patientId, boolean viaMedicationJoin) {
    this(patientId, viaMedicationJoin, UndoLog.empty());
  }

  /** Whether this version (null: the request was deleted) goes through the Medication join. */
  boolean joins(MedicationOrder version) {
    return viaMedicationJoin || (version != null && needsMedication(version));
  }

  /** The route after this version has been sent on. */
  RequestRoute after(MedicationOrder version) {
    return joins(version) == viaMedicationJoin
        ? this
        : new RequestRoute(patientId, true, patientUndo);
  }

  /**
   * @param undo {@link #patientUndo} after the change
   */
  RequestRoute assignedTo(String patient, UndoLog<String> undo) {
    return new RequestRoute(patient, viaMedicationJoin, undo);
  }

  /**
   * Nothing worth keeping: a deleted request that never took the join, whose delete cannot be read
   * again.
   */
  boolean isEmpty() {
    return patientId == null && !viaMedicationJoin && patientUndo.isEmpty();
  }

  /** A Medication reference not resolved by the request itself (contained Medications are). */
  private static boolean needsMedication(MedicationOrder version) {
    return version.getDrugCode() == null && version.getMedicationId() != null;
  }
}
