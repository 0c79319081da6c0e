package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.RecordPositions;
import dev.healthstreams.topology.support.StoredUndoLog;
import dev.healthstreams.topology.support.UndoLog;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys request versions by patient, remembering each request's patient in its {@link
 * RequestRoute}: a deleted request (a tombstone) and a request moved to another patient must leave
 * the old patient's active medications, and only this step still knows who that was.
 *
 * <p>Under at-least-once the route's changelog write and the removal sent to the old patient reach
 * the broker apart. A version read again after a crash that landed the first but not the second
 * meets, through the route's undo log, the patient it first met, and sends the removal again (a
 * duplicate when it had landed, which the old patient's list ignores).
 */
final class PatientAssignmentProcessor
    implements Processor<String, MedicationOrder, String, MedicationOrder> {

  /** Not an active status: the state machine removes the request. */
  static final String REMOVED = "deleted";

  private ProcessorContext<String, MedicationOrder> context;
  private KeyValueStore<String, RequestRoute> routes;
  private StoredUndoLog undoLogs = StoredUndoLog.OFF;

  @Override
  public void init(ProcessorContext<String, MedicationOrder> context) {
    this.context = context;
    this.routes = context.getStateStore(RequestRouter.STORE);
    this.undoLogs = StoredUndoLog.from(context.appConfigs());
  }

  @Override
  public void process(Record<String, MedicationOrder> record) {
    String requestId = record.key();
    RequestRoute route = routes.get(requestId);
    if (route == null) {
      route = RequestRoute.UNKNOWN;
    }
    InputPosition here = RecordPositions.of(context.recordMetadata());
    UndoLog<String> undo = undoLogs.kept(route.patientUndo());
    Optional<UndoLog.Rollback<String>> rollback = undo.rollbackFor(here);
    String previous = rollback.map(UndoLog.Rollback::state).orElse(route.patientId());
    UndoLog<String> undone = rollback.map(UndoLog.Rollback::remaining).orElse(undo);
    MedicationOrder order = record.value();
    String next = order == null ? null : order.getPatientId();
    if (previous != null && !previous.equals(next)) {
      context.forward(record.withKey(previous).withValue(removal(requestId, previous)));
    }
    if (!Objects.equals(next, previous)) {
      store(requestId, route.assignedTo(next, logged(undone, here, previous)));
    } else if (rollback.isPresent()) {
      store(requestId, route.assignedTo(previous, undone)); // the later records, read again next
    }
    if (order != null) {
      context.forward(record.withKey(next));
    }
  }

  /**
   * The log with this change. A first assignment is not logged: read again, its version finds its
   * own patient or, after later changes, the one they roll back to, and either way has nothing to
   * remove. So a request's route carries no log unless it moved or was deleted.
   */
  private UndoLog<String> logged(UndoLog<String> undo, InputPosition here, String previous) {
    return previous == null ? undo : undoLogs.after(undo, here, previous);
  }

  private void store(String requestId, RequestRoute route) {
    if (route.isEmpty()) {
      routes.delete(requestId);
    } else {
      routes.put(requestId, route);
    }
  }

  private static MedicationOrder removal(String requestId, String patientId) {
    return MedicationOrder.newBuilder()
        .setRequestId(requestId)
        .setPatientId(patientId)
        .setStatus(REMOVED)
        .build();
  }
}
