package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.CanonicalObservation;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.topology.support.Counters;
import dev.healthstreams.topology.support.DerivedStores;
import dev.healthstreams.topology.support.StatefulProcessors;
import dev.healthstreams.topology.support.TimeOrderedKeys;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The clinical stage, partitioned by patient source record: gives each valid prescription and
 * observation the golden id of its patient source record. One whose patient is not linked yet waits
 * in the pending store, indexed by due time, until the link arrives or {@code link-wait} passes on
 * the wall clock; then it goes out with {@code goldenPatientId} null and is counted. A version at
 * or below the last one applied writes nothing. A deletion takes a waiting version with it and
 * writes the tombstone.
 */
final class ClinicalProcessor implements Processor<String, ClinicalInput, String, SyncOutput> {
  static final String LINKS_STORE = "canonical-sync-links";
  static final String PENDING_STORE = "canonical-sync-pending";
  static final String DUE_STORE = "canonical-sync-pending-due";
  static final String APPLIED_STORE = "canonical-sync-clinical-applied";
  static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
  private static final String SEP = IdentityProcessor.SEPARATOR;

  private final Duration linkWait;
  private final CanonicalRecords records;
  private final Validator validator = new Validator();
  private final Counter unlinkedPrescriptions;
  private final Counter unlinkedObservations;
  private ProcessorContext<String, SyncOutput> context;
  private KeyValueStore<String, String> links;
  private KeyValueStore<String, PendingClinical> pending;
  private KeyValueStore<String, String> due;
  private KeyValueStore<String, Long> applied;

  ClinicalProcessor(
      Duration linkWait,
      CanonicalRecords records,
      Counter unlinkedPrescriptions,
      Counter unlinkedObservations) {
    this.linkWait = linkWait;
    this.records = records;
    this.unlinkedPrescriptions = unlinkedPrescriptions;
    this.unlinkedObservations = unlinkedObservations;
  }

  static ProcessorSupplier<String, ClinicalInput, String, SyncOutput> supplier(
      String topology, Duration linkWait, CanonicalRecords records, Counters unlinked) {
    Counter prescriptions = unlinked.get(topology, ReconciliationInput.PRESCRIPTION);
    Counter observations = unlinked.get(topology, "observation");
    return StatefulProcessors.supplier(
        () -> new ClinicalProcessor(linkWait, records, prescriptions, observations),
        IdentityProcessor.store(LINKS_STORE, Serdes.String()),
        IdentityProcessor.store(PENDING_STORE, new SyncJsonSerde<>(PendingClinical.class)),
        // The due index of the pending store, built again from it at start (DerivedStores).
        IdentityProcessor.store(DUE_STORE, Serdes.String()).withLoggingDisabled(),
        IdentityProcessor.store(APPLIED_STORE, Serdes.Long()));
  }

  @Override
  public void init(ProcessorContext<String, SyncOutput> context) {
    this.context = context;
    links = context.getStateStore(LINKS_STORE);
    pending = context.getStateStore(PENDING_STORE);
    due = context.getStateStore(DUE_STORE);
    applied = context.getStateStore(APPLIED_STORE);
    DerivedStores.rebuild(
        due, pending, (key, waiting, put) -> put.accept(dueKey(waiting.dueAt(), key), ""));
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
  }

  @Override
  public void process(Record<String, ClinicalInput> record) {
    String source = record.key();
    ClinicalInput input = record.value();
    if (input.link()) {
      if (input.goldenId() == null) {
        links.delete(source);
      } else {
        links.put(source, input.goldenId());
        releaseWaitingFor(source, input.goldenId());
      }
      return;
    }
    String entity = input.entityKey();
    Long last = applied.get(entity);
    Long sequence = input.sequence();
    if (sequence != null && last != null && sequence <= last) {
      return;
    }
    PendingClinical waiting = pending.get(source + SEP + entity);
    if (input.deletion() != null) {
      delete(input.deletion(), source, waiting, record.timestamp());
      return;
    }
    if (waiting != null
        && sequence != null
        && waiting.input().sequence() != null
        && sequence <= waiting.input().sequence()) {
      return;
    }
    List<Violation> violations =
        violations(input, IdentityProcessor.now(record.timestamp(), context.currentSystemTimeMs()));
    if (!violations.isEmpty()) {
      markApplied(entity, sequence);
      forwardError(record, input, violations);
      return;
    }
    String golden = links.get(source);
    if (golden != null) {
      publish(input, golden, record.timestamp());
      return;
    }
    long dueAt = context.currentSystemTimeMs() + linkWait.toMillis();
    if (waiting != null) {
      due.delete(dueKey(waiting.dueAt(), source + SEP + entity));
    }
    pending.put(source + SEP + entity, new PendingClinical(input, dueAt, record.timestamp()));
    due.put(dueKey(dueAt, source + SEP + entity), "");
  }

  /**
   * A deleted prescription or observation: a version still waiting goes with it, never to be
   * released after the tombstone, and an {@code op: d}'s position orders the versions that come
   * after it, as a version's would.
   */
  private void delete(
      ClinicalInput.Deletion deletion, String source, PendingClinical waiting, long timestamp) {
    if (waiting != null) {
      pending.delete(source + SEP + deletion.entityKey());
      due.delete(dueKey(waiting.dueAt(), source + SEP + deletion.entityKey()));
    }
    markApplied(deletion.entityKey(), deletion.position());
    forward(
        deletion.id(),
        deletion.prescription() ? SyncOutput.Route.PRESCRIPTION : SyncOutput.Route.OBSERVATION,
        null,
        timestamp);
  }

  private List<Violation> violations(ClinicalInput input, Instant now) {
    return input.prescription() != null
        ? validator.prescription(input.prescription(), now)
        : validator.observation(input.observation(), now);
  }

  private void releaseWaitingFor(String source, String golden) {
    List<KeyValue<String, PendingClinical>> ready = new ArrayList<>();
    try (KeyValueIterator<String, PendingClinical> it =
        pending.prefixScan(source + SEP, new StringSerializer())) {
      it.forEachRemaining(ready::add);
    }
    for (KeyValue<String, PendingClinical> entry : ready) {
      pending.delete(entry.key);
      due.delete(dueKey(entry.value.dueAt(), entry.key));
      publish(entry.value.input(), golden, entry.value.timestamp());
    }
  }

  /** Sends out, without a golden patient, what waited {@code link-wait} on the wall clock. */
  private void releaseDue(long now) {
    List<KeyValue<String, String>> expired = new ArrayList<>();
    try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
      it.forEachRemaining(expired::add);
    }
    for (KeyValue<String, String> entry : expired) {
      due.delete(entry.key);
      String pendingKey = entry.key.substring(entry.key.indexOf(SEP) + 1);
      PendingClinical waiting = pending.get(pendingKey);
      if (waiting == null) {
        continue;
      }
      pending.delete(pendingKey);
      (waiting.input().prescription() != null ? unlinkedPrescriptions : unlinkedObservations)
          .increment();
      publish(waiting.input(), null, waiting.timestamp());
    }
  }

  private void publish(ClinicalInput input, String golden, long timestamp) {
    markApplied(input.entityKey(), input.sequence());
    if (input.prescription() != null) {
      PrescriptionRecord rx = input.prescription();
      CanonicalPrescription out =
          records.prescription(rx, golden, input.correlationId(), input.causationId(), timestamp);
      forward(rx.rxId(), SyncOutput.Route.PRESCRIPTION, out, timestamp);
      ReconciliationInput published =
          ReconciliationInput.published(
              ReconciliationInput.PRESCRIPTION,
              rx.rxId(),
              rx.version(),
              context.currentSystemTimeMs());
      forward(published.key(), SyncOutput.Route.PUBLISHED, published, timestamp);
    } else {
      ObservationRecord o = input.observation();
      CanonicalObservation out =
          records.observation(o, golden, input.correlationId(), input.causationId(), timestamp);
      forward(o.id(), SyncOutput.Route.OBSERVATION, out, timestamp);
    }
  }

  private void forwardError(
      Record<String, ClinicalInput> record, ClinicalInput input, List<Violation> violations) {
    boolean rx = input.prescription() != null;
    SourceKey source =
        rx
            ? new SourceKey(SourceKey.PHARMACY, input.prescription().rxId())
            : new SourceKey(SourceKey.EHR, input.observation().id());
    String version =
        rx ? String.valueOf(input.prescription().version()) : input.observation().version();
    forward(
        source.text(),
        SyncOutput.Route.ERROR,
        records.error(
            rx ? ReconciliationInput.PRESCRIPTION : "observation",
            source,
            version,
            violations,
            input.correlationId(),
            input.causationId(),
            record.timestamp()),
        record.timestamp());
  }

  private void forward(String key, SyncOutput.Route route, Object value, long timestamp) {
    context.forward(new Record<>(key, new SyncOutput(route, value), timestamp));
  }

  private void markApplied(String entity, Long sequence) {
    if (sequence != null) {
      applied.put(entity, sequence);
    }
  }

  /** Zero-padded so that the store's byte order is time order. */
  private static String dueKey(long dueAt, String pendingKey) {
    return TimeOrderedKeys.prefix(dueAt) + SEP + pendingKey;
  }
}
