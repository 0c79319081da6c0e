package dev.healthstreams.topology.interaction;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.MedicationListBefore;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.topology.support.Counters;
import dev.healthstreams.topology.support.EventMetadataFactory;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.RecordPositions;
import dev.healthstreams.topology.support.StatefulProcessors;
import dev.healthstreams.topology.support.StoredUndoLog;
import dev.healthstreams.topology.support.UndoLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per patient (the key): applies a request version to the patient's active medications and checks a
 * new or changed drug against the others. A pair fires once for an interaction, ever: the fired
 * store remembers it across re-deliveries, unchanged updates and restarts.
 */
final class InteractionCheckProcessor
    implements FixedKeyProcessor<String, MedicationOrder, MedicationInteractionAlert> {
  static final String ACTIVE_STORE = "active-medications";
  static final String FIRED_STORE = "fired-interaction-pairs";

  private final EventMetadataFactory metadata;
  private final KnowledgeCache knowledge;
  private final Map<InteractionSeverity, Counter> emitted;
  private FixedKeyProcessorContext<String, MedicationInteractionAlert> context;
  private KeyValueStore<String, ActiveMedicationList> active;
  private TimestampedKeyValueStore<String, String> fired;
  private ReadOnlyKeyValueStore<String, KnowledgeInteraction> knowledgeStore;
  // Kept under at-least-once only (a committed input installed): the list's undo log.
  private StoredUndoLog undoLogs = StoredUndoLog.OFF;
  // One instance, not a method reference per record: the check runs on every request version.
  private final Supplier<List<Interaction>> storedKnowledge = this::knowledgeInStore;

  InteractionCheckProcessor(
      EventMetadataFactory metadata,
      KnowledgeCache knowledge,
      Map<InteractionSeverity, Counter> emitted) {
    this.metadata = metadata;
    this.knowledge = knowledge;
    this.emitted = emitted;
  }

  /**
   * The check with the two stores it declares. Its counters are registered here, once for every
   * task and thread of the topology, so emitting an alert only increments one.
   */
  static FixedKeyProcessorSupplier<String, MedicationOrder, MedicationInteractionAlert> supplier(
      String topology,
      KnowledgeCache knowledge,
      MeterRegistry metrics,
      Serde<ActiveMedicationList> activeSerde) {
    EventMetadataFactory metadata = InteractionAlerts.metadata(topology);
    Counters alerts =
        new Counters(
            metrics,
            "healthstreams.interaction.alerts",
            "Medication interaction alerts written",
            "topology",
            "severity");
    Map<InteractionSeverity, Counter> emitted = new EnumMap<>(InteractionSeverity.class);
    for (InteractionSeverity severity : InteractionSeverity.values()) {
      emitted.put(severity, alerts.get(topology, severity.name().toLowerCase(Locale.ROOT)));
    }
    StoreBuilder<KeyValueStore<String, ActiveMedicationList>> active =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ACTIVE_STORE), Serdes.String(), activeSerde);
    StoreBuilder<TimestampedKeyValueStore<String, String>> fired =
        Stores.timestampedKeyValueStoreBuilder(
            Stores.persistentTimestampedKeyValueStore(FIRED_STORE),
            Serdes.String(),
            Serdes.String());
    return StatefulProcessors.fixedKeySupplier(
        () -> new InteractionCheckProcessor(metadata, knowledge, emitted), active, fired);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, MedicationInteractionAlert> context) {
    this.context = context;
    this.active = context.getStateStore(ACTIVE_STORE);
    this.fired = context.getStateStore(FIRED_STORE);
    this.knowledgeStore = context.getStateStore(MedicationInteractionTopology.KNOWLEDGE_STORE);
    this.undoLogs = StoredUndoLog.from(context.appConfigs());
  }

  @Override
  public void process(FixedKeyRecord<String, MedicationOrder> record) {
    MedicationOrder order = record.value();
    String patientId = record.key();
    InputPosition here = position();
    ActiveMedicationList stored = active.get(patientId);
    UndoLog<ActiveMedications> undo = undoLogOf(stored);
    // Read again after a crash (at-least-once): applied to the list it first met.
    Optional<UndoLog.Rollback<ActiveMedications>> rollback = undo.rollbackFor(here);
    ActiveMedications before =
        rollback.map(UndoLog.Rollback::state).orElseGet(() -> toMedications(stored));
    UndoLog<ActiveMedications> undone = rollback.map(UndoLog.Rollback::remaining).orElse(undo);
    ActiveMedications.Outcome outcome =
        before.apply(order.getRequestId(), order.getStatus(), MedicationOrders.drugOf(order));
    if (!outcome.next().equals(before)) {
      save(patientId, outcome.next(), undoLogs.after(undone, here, before));
    } else if (rollback.isPresent()) {
      save(patientId, before, undone); // the later records, read again next, change it again
    }
    InteractionIndex index = knowledge.index(storedKnowledge);
    for (CheckPair pair : outcome.toCheck()) {
      for (Interaction interaction :
          index.between(pair.changed().drugCode(), pair.other().drugCode())) {
        MedicationInteractionAlert alert =
            InteractionAlerts.of(
                metadata,
                patientId,
                interaction,
                pair,
                order.getCorrelationId(),
                record.timestamp());
        if (!firedBefore(alert.getAlertId(), here)) {
          fired.put(
              alert.getAlertId(),
              ValueAndTimestamp.make(here.appendTo(order.getRequestId()), record.timestamp()));
          emitted.get(interaction.severity()).increment();
          context.forward(record.withValue(alert));
        }
      }
    }
  }

  /** Where the record was read ({@link InputPosition}). */
  private InputPosition position() {
    return RecordPositions.of(context.recordMetadata());
  }

  /** Whether the pair fired for a record read before {@code here} (ever, for another partition). */
  private boolean firedBefore(String alertId, InputPosition here) {
    ValueAndTimestamp<String> entry = fired.get(alertId);
    return entry != null && InputPosition.of(entry.value()).isBefore(here);
  }

  private List<Interaction> knowledgeInStore() {
    List<Interaction> interactions = new ArrayList<>();
    try (KeyValueIterator<String, KnowledgeInteraction> all = knowledgeStore.all()) {
      all.forEachRemaining(entry -> interactions.add(KnowledgeRecords.toInteraction(entry.value)));
    }
    return interactions;
  }

  /** The list's undo log; always empty when none is kept (exactly-once). */
  private UndoLog<ActiveMedications> undoLogOf(ActiveMedicationList stored) {
    return stored == null
        ? UndoLog.empty()
        : undoLogs.read(
            stored.getUndo(),
            MedicationListBefore::getChangedBy,
            entry -> toMedications(entry.getRequests()));
  }

  private static ActiveMedications toMedications(ActiveMedicationList stored) {
    return stored == null ? ActiveMedications.EMPTY : toMedications(stored.getRequests());
  }

  private static ActiveMedications toMedications(List<PrescribedDrug> requests) {
    return new ActiveMedications(
        requests.stream()
            .map(d -> new ActiveRequest(d.getRequestId(), d.getDrugCode(), d.getDrugDisplay()))
            .toList());
  }

  private static List<PrescribedDrug> toPrescribed(ActiveMedications medications) {
    return medications.requests().stream()
        .map(
            r ->
                PrescribedDrug.newBuilder()
                    .setRequestId(r.requestId())
                    .setDrugCode(r.drugCode())
                    .setDrugDisplay(r.drugDisplay())
                    .build())
        .toList();
  }

  /**
   * Deletes a list left empty, unless records that emptied it may be read again: their undo log
   * stays, under an empty list.
   */
  private void save(
      String patientId, ActiveMedications medications, UndoLog<ActiveMedications> undo) {
    if (medications.isEmpty() && undo.isEmpty()) {
      active.delete(patientId);
      return;
    }
    List<MedicationListBefore> undoEntries =
        StoredUndoLog.write(
            undo, (changedBy, before) -> new MedicationListBefore(changedBy, toPrescribed(before)));
    active.put(patientId, new ActiveMedicationList(toPrescribed(medications), undoEntries));
  }
}
