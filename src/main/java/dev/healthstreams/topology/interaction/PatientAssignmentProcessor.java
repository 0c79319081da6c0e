package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys request versions by patient, remembering each request's patient in its {@link
 * RequestRoute}: a deleted request (a tombstone) and a request moved to another patient must leave
 * the old patient's active medications, and only this step still knows who that was.
 */
final class PatientAssignmentProcessor
    implements Processor<String, MedicationOrder, String, MedicationOrder> {

  /** Not an active status: the state machine removes the request. */
  static final String REMOVED = "deleted";

  private ProcessorContext<String, MedicationOrder> context;
  private KeyValueStore<String, RequestRoute> routes;

  @Override
  public void init(ProcessorContext<String, MedicationOrder> context) {
    this.context = context;
    this.routes = context.getStateStore(RequestRouter.STORE);
  }

  @Override
  public void process(Record<String, MedicationOrder> record) {
    String requestId = record.key();
    RequestRoute route = routes.get(requestId);
    if (route == null) {
      route = RequestRoute.UNKNOWN;
    }
    String previous = route.patientId();
    MedicationOrder order = record.value();
    String next = order == null ? null : order.getPatientId();
    if (previous != null && !previous.equals(next)) {
      context.forward(record.withKey(previous).withValue(removal(requestId, previous)));
    }
    if (!Objects.equals(next, previous)) {
      store(requestId, route.assignedTo(next));
    }
    if (order != null) {
      context.forward(record.withKey(next));
    }
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
