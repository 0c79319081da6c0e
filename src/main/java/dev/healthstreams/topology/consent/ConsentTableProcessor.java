package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.ConsentGrantee;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentEventMetadata;
import dev.healthstreams.avro.PatientConsentPayload;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Applies consent changes to the patient's consents (the consent table), writes the patient's view
 * after each, and expires consents whose period has ended: a wall-clock punctuator reads the due
 * index up to now only, writes the view and one expired event per consent.
 */
final class ConsentTableProcessor implements Processor<String, ConsentChange, String, Emitted> {
  static final String STORE = "patient-consents";
  static final String DUE_STORE = "consent-expiry-due";
  static final String EVENT_VERSION = "1.0.0";

  private final String topology;
  private final Duration checkInterval;
  private final ConsentMetrics metrics;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, PatientConsents> table;
  private KeyValueStore<String, String> due;

  ConsentTableProcessor(String topology, Duration checkInterval, ConsentMetrics metrics) {
    this.topology = topology;
    this.checkInterval = checkInterval;
    this.metrics = metrics;
  }

  /** The table store, shared by name with the decision and gate processors. */
  static StoreBuilder<KeyValueStore<String, PatientConsents>> tableStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Serdes.String(), PatientConsentsSerde.consents());
  }

  static StoreBuilder<KeyValueStore<String, String>> dueStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DUE_STORE), Serdes.String(), Serdes.String());
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.table = context.getStateStore(STORE);
    this.due = context.getStateStore(DUE_STORE);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::expireDue);
  }

  @Override
  public void process(Record<String, ConsentChange> record) {
    ConsentChange change = record.value();
    if (change == null) {
      return;
    }
    String patient = change.patientId();
    PatientConsents current =
        Optional.ofNullable(table.get(patient)).orElseGet(() -> PatientConsents.empty(patient));
    PatientConsents.Applied applied = current.apply(change);
    applied.anomaly().ifPresent(metrics::anomaly);
    if (applied.consents() == current) {
      return;
    }
    save(applied.consents(), record.timestamp());
    if (change.consent() != null
        && change.consent().state() == ConsentState.ACTIVE
        && change.consent().period().end() != null) {
      due.put(
          ConsentExpiries.key(change.consent().period().end(), patient, change.consentId()), "");
    }
  }

  /** Expires every consent due at or before {@code now} that is still active. */
  void expireDue(long now) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        due.range(ConsentExpiries.key(0, "", ""), ConsentExpiries.upTo(now))) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        keys.add(entry.key);
      }
    }
    for (String key : keys) {
      due.delete(key);
      expire(ConsentExpiries.patient(key), ConsentExpiries.consent(key), ConsentExpiries.end(key));
    }
  }

  private void expire(String patient, String consentId, long end) {
    PatientConsents consents = table.get(patient);
    if (consents == null) {
      return;
    }
    Optional<ConsentHistory> history = consents.history(consentId);
    // Only a consent still active with this end: a later version may have moved or dropped it.
    boolean stillDue =
        history
            .map(ConsentHistory::latest)
            .filter(v -> v.state() == ConsentState.ACTIVE && v.consent() != null)
            .map(v -> v.consent().period().end())
            .filter(e -> e == end)
            .isPresent();
    if (!stillDue) {
      return;
    }
    Consent consent = history.get().latest().consent();
    PatientConsents.Applied applied =
        consents.apply(
            new ConsentChange(
                patient, consentId, consent.source(), ConsentChange.Kind.EXPIRE, null, end));
    save(applied.consents(), end);
    context.forward(
        new Record<>(
            patient, new Emitted(Emitted.Target.EXPIRED, expiredEvent(consent, end)), end));
  }

  private void save(PatientConsents consents, long timestamp) {
    String patient = consents.patientId();
    table.put(patient, consents);
    context.forward(
        new Record<>(
            patient, new Emitted(Emitted.Target.VIEW, ConsentViews.bytes(consents)), timestamp));
  }

  private PatientConsentEvent expiredEvent(Consent consent, long end) {
    String eventId =
        EventMetadataFactory.eventId("consent-expired", consent.id(), String.valueOf(end));
    List<ConsentGrantee> grantees = new ArrayList<>();
    List<String> purposes = List.of();
    List<String> categories = List.of();
    if (consent.source() == SourceFormat.EVENT && consent.root() != null) {
      for (Provision grant : consent.root().provisions()) {
        grant.actors().forEach(a -> grantees.add(new ConsentGrantee(grantee(a.kind()), a.id())));
        purposes = grant.purposes();
        categories = grant.classes();
      }
    }
    return PatientConsentEvent.newBuilder()
        .setMetadata(
            PatientConsentEventMetadata.newBuilder()
                .setEventId(eventId)
                .setEventType("PatientConsentExpired")
                .setEventSource("healthstreams/" + topology)
                .setCausationId("Consent/" + consent.id())
                .setCorrelationId(null)
                .setTimestamp(end)
                .setVersion(EVENT_VERSION)
                .build())
        .setPayload(
            PatientConsentPayload.newBuilder()
                .setConsentId(consent.id())
                .setPatientId(consent.patientId())
                .setAction("expired")
                .setConsentType(consent.source() == SourceFormat.FHIR ? "fhir-consent" : null)
                .setGrantedTo(grantees)
                .setPurpose(purposes)
                .setDataCategories(categories)
                .setEffectiveFrom(consent.period().start())
                .setEffectiveUntil(consent.period().end())
                .build())
        .build();
  }

  private static String grantee(Actor.Kind kind) {
    return switch (kind) {
      case ORGANIZATION -> "organization";
      case USER -> "user";
      case ROLE -> "role";
      case OTHER -> "other";
    };
  }
}
