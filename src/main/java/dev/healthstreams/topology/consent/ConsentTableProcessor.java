package dev.healthstreams.topology.consent;

import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.avro.PatientConsentPayload;
import dev.healthstreams.topology.support.CommittedInput;
import dev.healthstreams.topology.support.RecordPositions;
import dev.healthstreams.topology.support.UnconfirmedSends;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies consent changes to the patient's consents (the consent table), writes the patient's view
 * after each, and expires consents whose period has ended: a wall-clock punctuator reads the due
 * index up to now only, writes the view and one expired event per consent; a consent that had
 * already ended when its change was read is expired right then, the same way.
 *
 * <p>Under at-least-once the table's changelog write, the due index's and the two outputs reach the
 * broker separately, and no input record brings a punctuation's outputs back after a crash. So a
 * due entry that sent keeps the event it sent until a commit confirms the send ({@link
 * UnconfirmedSends}); an instance that finds one it did not send (restored after a crash, or handed
 * the partition) sends the event and the patient's current view again. An expiry found in the table
 * under an entry that never recorded its send (that write lost in a crash) is sent again too.
 * Without a committed input (exactly-once, tests, backtests) an entry goes when it fires.
 */
final class ConsentTableProcessor implements Processor<String, ConsentChange, String, Emitted> {
  private static final Logger LOG = LoggerFactory.getLogger(ConsentTableProcessor.class);
  static final String STORE = "patient-consents";
  static final String DUE_STORE = "consent-expiry-due";
  // A due entry's value until its expiry is sent; then the event sent (ExpiredEvents.stored).
  private static final String NOT_SENT = "";

  private final String topology;
  private final Duration checkInterval;
  private final ConsentMetrics metrics;
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, PatientConsents> table;
  private KeyValueStore<String, String> due;
  private Optional<UnconfirmedSends> sends = Optional.empty();

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
    this.sends = CommittedInput.from(context.appConfigs()).map(UnconfirmedSends::new);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::expireDue);
  }

  @Override
  public void process(Record<String, ConsentChange> record) {
    sends.ifPresent(s -> s.read(RecordPositions.of(context.recordMetadata())));
    ConsentChange change = record.value();
    if (change == null) {
      return;
    }
    String patient = change.patientId();
    PatientConsents current =
        Optional.ofNullable(table.get(patient)).orElseGet(() -> PatientConsents.empty(patient));
    PatientConsents.Applied applied = current.apply(change);
    applied.anomaly().ifPresent(anomaly -> anomaly(anomaly, change));
    if (applied.consents() == current) {
      return;
    }
    save(applied.consents(), record.timestamp());
    if (change.consent() != null
        && change.consent().state() == ConsentState.ACTIVE
        && change.consent().period().end() != null) {
      long end = change.consent().period().end();
      String key = ConsentExpiries.key(end, patient, change.consentId());
      // An entry that already sent keeps the event it sent (a grant read again after a crash).
      String stored = due.putIfAbsent(key, NOT_SENT);
      if (end <= context.currentSystemTimeMs()) {
        // Ended before it was read (a history loaded late): expired now, not at the next check
        // up to checkInterval later, so the view is never stale and a backlog's expiries are done
        // with the backlog rather than all at once in a later punctuation.
        settle(key, stored == null ? NOT_SENT : stored);
      }
    }
  }

  private void anomaly(String anomaly, ConsentChange change) {
    metrics.anomaly(anomaly);
    if (PatientConsents.GRANT_PERMITS_NOTHING.equals(anomaly)) {
      // Ids and offsets only (PHI): which producer sent a grant that permits no one, and where.
      LOG.warn(
          "topology={} consent={} granted with an empty grantedTo, purpose or dataCategories:"
              + " kept, permits no one ({})",
          topology,
          change.consentId(),
          RecordPositions.of(context.recordMetadata()));
    }
  }

  /**
   * Expires every consent due at or before {@code now} that is still active; under at-least-once
   * also settles the entries that sent: kept until confirmed, sent again where not sent here.
   */
  void expireDue(long now) {
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        due.range(ConsentExpiries.key(0, "", ""), ConsentExpiries.upTo(now))) {
      it.forEachRemaining(entries::add);
    }
    for (KeyValue<String, String> entry : entries) {
      settle(entry.key, entry.value);
    }
  }

  /** One due entry: expired (or sent again), kept until confirmed, or dropped. */
  private void settle(String key, String value) {
    boolean sentBefore = !value.isEmpty();
    switch (status(key, sentBefore)) {
      case AWAITING_COMMIT -> {}
      case CONFIRMED -> drop(key);
      case NOT_SENT_HERE -> {
        // Parsed only here: an entry awaiting its commit is met again every punctuation.
        Optional<PatientConsentEvent> sent =
            expire(
                key, sentBefore ? Optional.of(ExpiredEvents.fromStored(value)) : Optional.empty());
        if (sent.isPresent() && sends.isPresent()) {
          due.put(key, ExpiredEvents.stored(sent.get()));
          sends.get().sent(key);
        } else {
          drop(key);
        }
      }
    }
  }

  private UnconfirmedSends.Status status(String key, boolean sentBefore) {
    if (!sentBefore) {
      return UnconfirmedSends.Status.NOT_SENT_HERE;
    }
    // None kept any more (the guarantee changed since): whatever is stored can go.
    return sends.map(s -> s.status(key)).orElse(UnconfirmedSends.Status.CONFIRMED);
  }

  private void drop(String key) {
    due.delete(key);
    sends.ifPresent(s -> s.forget(key));
  }

  /**
   * Expires the entry's consent when it is still active with the entry's end, else sends again what
   * an earlier expiry of it sent (at-least-once only); returns the event sent, if any.
   */
  private Optional<PatientConsentEvent> expire(
      String key, Optional<PatientConsentEvent> sentBefore) {
    String patient = ConsentExpiries.patient(key);
    String consentId = ConsentExpiries.consent(key);
    long end = ConsentExpiries.end(key);
    PatientConsents consents = table.get(patient);
    Optional<ConsentHistory> history =
        Optional.ofNullable(consents).flatMap(c -> c.history(consentId));
    // Only a consent still active with this end: a later version may have moved or dropped it.
    Optional<ConsentVersion> activeVersion =
        history.map(ConsentHistory::latest).filter(v -> activeUntil(v, end).isPresent());
    if (activeVersion.isPresent()) {
      Consent active = activeVersion.get().consent();
      long at = expiredAt(activeVersion.get(), end);
      PatientConsents.Applied applied =
          consents.apply(
              new ConsentChange(
                  patient, consentId, active.source(), ConsentChange.Kind.EXPIRE, null, at));
      save(applied.consents(), at);
      return Optional.of(send(patient, ExpiredEvents.of(topology, active, end), "expired"));
    }
    if (sends.isEmpty()) {
      return Optional.empty();
    }
    Optional<PatientConsentEvent> again =
        sentBefore.or(
            () ->
                history
                    .flatMap(h -> expiredUnrecorded(h, end))
                    .map(c -> ExpiredEvents.of(topology, c, end)));
    again.ifPresent(
        event -> {
          if (consents != null) {
            forwardView(consents, end);
          }
          send(patient, event, "resent");
        });
    return again;
  }

  /**
   * The consent an expiry at {@code end} closed, when it is the history's latest version: the
   * table's write of a punctuation whose due entry lost its own in a crash.
   */
  private static Optional<Consent> expiredUnrecorded(ConsentHistory history, long end) {
    List<ConsentVersion> versions = history.versions();
    int last = versions.size() - 1;
    if (last < 1
        || versions.get(last).state() != ConsentState.EXPIRED
        || versions.get(last).at() != expiredAt(versions.get(last - 1), end)) {
      return Optional.empty();
    }
    return activeUntil(versions.get(last - 1), end);
  }

  /**
   * When the expiry of {@code active} takes effect: its end, or, for a consent whose end had passed
   * before it was recorded, the time it was recorded. Stamped at the end, the expired version would
   * sort before the active one and the view would keep showing the consent as active. Decisions are
   * the same either way: a consent's period already excludes instants after its end.
   */
  private static long expiredAt(ConsentVersion active, long end) {
    return Math.max(end, active.at());
  }

  private static Optional<Consent> activeUntil(ConsentVersion version, long end) {
    return version.state() == ConsentState.ACTIVE
            && version.consent() != null
            && version.consent().period().end() != null
            && version.consent().period().end() == end
        ? Optional.of(version.consent())
        : Optional.empty();
  }

  /**
   * The headers the platform's consent events carry, so that a consumer routing consent events by
   * them reads an expiry the same way: {@code consent-id}, {@code consent-action} and, when known,
   * {@code consent-type}.
   */
  private static Headers headers(PatientConsentEvent event) {
    PatientConsentPayload payload = event.getPayload();
    Headers headers = new RecordHeaders();
    headers.add("consent-id", payload.getConsentId().getBytes(StandardCharsets.UTF_8));
    headers.add("consent-action", payload.getAction().getBytes(StandardCharsets.UTF_8));
    if (payload.getConsentType() != null) {
      headers.add("consent-type", payload.getConsentType().getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  private PatientConsentEvent send(String patient, PatientConsentEvent event, String outcome) {
    context.forward(
        new Record<>(
            patient,
            new Emitted(Emitted.Target.EXPIRED, event),
            event.getMetadata().getTimestamp(),
            headers(event)));
    metrics.expiry(outcome);
    return event;
  }

  private void save(PatientConsents consents, long timestamp) {
    table.put(consents.patientId(), consents);
    forwardView(consents, timestamp);
  }

  private void forwardView(PatientConsents consents, long timestamp) {
    context.forward(
        new Record<>(
            consents.patientId(),
            new Emitted(Emitted.Target.VIEW, ConsentViews.bytes(consents)),
            timestamp));
  }
}
