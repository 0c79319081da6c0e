package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.MedicationOrder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys request versions by patient, remembering each request's patient: a deleted request (a
 * tombstone) and a request moved to another patient must leave the old patient's active
 * medications, and only this step still knows who that was.
 */
final class PatientAssignmentProcessor
    implements Processor<String, MedicationOrder, String, MedicationOrder> {
  static final String STORE = "medication-request-patients";

  /** Not an active status: the state machine removes the request. */
  static final String REMOVED = "deleted";

  private ProcessorContext<String, MedicationOrder> context;
  private KeyValueStore<String, String> patients;

  @Override
  public void init(ProcessorContext<String, MedicationOrder> context) {
    this.context = context;
    this.patients = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, MedicationOrder> record) {
    String requestId = record.key();
    String previous = patients.get(requestId);
    MedicationOrder order = record.value();
    if (order == null) {
      if (previous != null) {
        patients.delete(requestId);
        context.forward(record.withKey(previous).withValue(removal(requestId, previous)));
      }
      return;
    }
    if (previous != null && !previous.equals(order.getPatientId())) {
      context.forward(record.withKey(previous).withValue(removal(requestId, previous)));
    }
    if (!order.getPatientId().equals(previous)) {
      patients.put(requestId, order.getPatientId());
    }
    context.forward(record.withKey(order.getPatientId()));
  }

  private static MedicationOrder removal(String requestId, String patientId) {
    return MedicationOrder.newBuilder()
        .setRequestId(requestId)
        .setPatientId(patientId)
        .setStatus(REMOVED)
        .build();
  }
}
