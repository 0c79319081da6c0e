package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.ReconciliationKind;
import dev.healthstreams.avro.SyncReconciliation;
import dev.healthstreams.topology.support.StatefulProcessors;
import dev.healthstreams.topology.support.TimeOrderedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reconciliation stage, keyed {@code entityType/entityId}: applies publications and
 * acknowledgements to the {@link ReconciliationTracker} per entity, and on the wall clock writes
 * OVERDUE for versions not complete within {@code reconcile-within} (a due-time index store keeps
 * that check to the versions falling due).
 */
final class ReconciliationProcessor
    implements Processor<String, ReconciliationInput, String, SyncReconciliation> {
  static final String STATE_STORE = "canonical-sync-reconciliation";
  static final String DUE_STORE = "canonical-sync-reconciliation-due";
  private static final String SEP = IdentityProcessor.SEPARATOR;

  private final ReconciliationTracker tracker;
  private final CanonicalRecords records;
  private ProcessorContext<String, SyncReconciliation> context;
  private KeyValueStore<String, ReconciliationState> states;
  private KeyValueStore<String, String> due;

  ReconciliationProcessor(ReconciliationTracker tracker, CanonicalRecords records) {
    this.tracker = tracker;
    this.records = records;
  }

  static ProcessorSupplier<String, ReconciliationInput, String, SyncReconciliation> supplier(
      ReconciliationTracker tracker, CanonicalRecords records) {
    return StatefulProcessors.supplier(
        () -> new ReconciliationProcessor(tracker, records),
        IdentityProcessor.store(STATE_STORE, new SyncJsonSerde<>(ReconciliationState.class)),
        IdentityProcessor.store(DUE_STORE, Serdes.String()));
  }

  @Override
  public void init(ProcessorContext<String, SyncReconciliation> context) {
    this.context = context;
    states = context.getStateStore(STATE_STORE);
    due = context.getStateStore(DUE_STORE);
    context.schedule(
        ClinicalProcessor.PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::checkOverdue);
  }

  @Override
  public void process(Record<String, ReconciliationInput> record) {
    ReconciliationInput input = record.value();
    if (!tracker.tracks(input.entityType())) {
      return;
    }
    String key = input.key();
    ReconciliationState current = states.get(key);
    if (input.isPublication()) {
      ReconciliationState next =
          tracker.published(
              current, input.entityType(), input.entityId(), input.version(), input.at());
      if (next != current) {
        states.put(key, next);
        due.put(dueKey(tracker.dueAt(next), key), "");
      }
      return;
    }
    ReconciliationTracker.Step step =
        tracker.acknowledged(
            current, input.target(), input.version(), input.status(), input.syncTimestamp());
    if (step.state() != current) {
      states.put(key, step.state());
    }
    write(key, step, record.timestamp());
  }

  private void checkOverdue(long now) {
    List<KeyValue<String, String>> falling = new ArrayList<>();
    try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
      it.forEachRemaining(falling::add);
    }
    for (KeyValue<String, String> entry : falling) {
      due.delete(entry.key);
      String key = entry.key.substring(entry.key.indexOf(SEP) + 1);
      ReconciliationState state = states.get(key);
      if (state == null) {
        continue;
      }
      ReconciliationTracker.Step step = tracker.checkOverdue(state, now);
      if (step.state() != state) {
        states.put(key, step.state());
      }
      write(key, step, now);
    }
  }

  private void write(String key, ReconciliationTracker.Step step, long timestamp) {
    Optional<ReconciliationKind> kind = step.written();
    if (kind.isPresent()) {
      ReconciliationState state = step.state();
      context.forward(
          new Record<>(
              key,
              records.reconciliation(
                  kind.get(), state, tracker.targetsOf(state.entityType()), timestamp),
              timestamp));
    }
  }

  /** Keys sort by time. */
  private static String dueKey(long dueAt, String key) {
    return TimeOrderedKeys.prefix(dueAt) + SEP + key;
  }
}
