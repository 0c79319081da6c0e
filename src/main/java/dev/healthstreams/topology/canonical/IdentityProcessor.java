package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.topology.support.StatefulProcessors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The identity stage, on the single identity partition: applies patient source records and steward
 * commands to the identity graph ({@link IdentityGraph}, which holds the logic) over this task's
 * stores, and forwards what it decided, each with its route.
 */
final class IdentityProcessor implements Processor<String, IdentityInput, String, SyncOutput> {
  static final String SOURCES_STORE = "canonical-sync-sources";
  static final String GOLDENS_STORE = "canonical-sync-goldens";
  static final String PATIENTS_STORE = "canonical-sync-patients";
  static final String DECISIONS_STORE = "canonical-sync-decisions";
  static final String BLOCKING_STORE = "canonical-sync-blocking";
  static final String REVIEWS_STORE = "canonical-sync-reviews";
  // Separates the two parts of a composite store key; no id or blocking value contains it.
  static final String SEPARATOR = "\u0000";

  private final CanonicalSyncSettings settings;
  private final Matcher matcher;
  private final CanonicalRecords records;
  private ProcessorContext<String, SyncOutput> context;
  private IdentityGraph graph;
  private KeyValueStore<String, CanonicalPatient> patients;

  IdentityProcessor(CanonicalSyncSettings settings, Matcher matcher, CanonicalRecords records) {
    this.settings = settings;
    this.matcher = matcher;
    this.records = records;
  }

  static ProcessorSupplier<String, IdentityInput, String, SyncOutput> supplier(
      CanonicalSyncSettings settings,
      CanonicalRecords records,
      Serde<CanonicalPatient> patientSerde) {
    Matcher matcher = new Matcher(settings.rules(), Nicknames.bundled());
    return StatefulProcessors.supplier(
        () -> new IdentityProcessor(settings, matcher, records),
        store(SOURCES_STORE, new SyncJsonSerde<>(SourceState.class)),
        store(GOLDENS_STORE, new SyncJsonSerde<>(GoldenState.class)),
        store(PATIENTS_STORE, patientSerde),
        store(DECISIONS_STORE, Serdes.String()),
        store(BLOCKING_STORE, Serdes.String()),
        store(REVIEWS_STORE, new SyncJsonSerde<>(ReviewEntry.class)));
  }

  static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), serde);
  }

  @Override
  public void init(ProcessorContext<String, SyncOutput> context) {
    this.context = context;
    this.patients = context.getStateStore(PATIENTS_STORE);
    Survivorship survivorship = settings.survivorship();
    this.graph =
        new IdentityGraph(
            new StoreBackedIdentity(
                context.getStateStore(SOURCES_STORE),
                context.getStateStore(GOLDENS_STORE),
                context.getStateStore(DECISIONS_STORE),
                context.getStateStore(BLOCKING_STORE),
                context.getStateStore(REVIEWS_STORE)),
            matcher,
            survivorship,
            new ConflictDetector(settings.conflictWindow(), survivorship));
  }

  @Override
  public void process(Record<String, IdentityInput> record) {
    IdentityInput input = record.value();
    List<SyncEvent> events =
        input.patient() != null
            ? graph.apply(input.patient(), now(record.timestamp(), context.currentSystemTimeMs()))
            : graph.apply(input.command());
    for (SyncEvent event : events) {
      forward(record, event, input);
    }
  }

  /**
   * What "not in the future" is measured against: the later of the record's time and the wall
   * clock, so neither a replay of old records nor a producer's stale timestamp rejects a real date.
   */
  static Instant now(long recordTime, long wallClock) {
    return Instant.ofEpochMilli(Math.max(recordTime, wallClock));
  }

  private void forward(Record<String, IdentityInput> record, SyncEvent event, IdentityInput input) {
    String correlation = input.correlationId();
    String cause = input.causationId();
    long time = record.timestamp();
    if (event instanceof SyncEvent.PatientPublished published) {
      CanonicalPatient patient = records.patient(published, correlation, cause, time);
      patients.put(published.goldenId(), patient);
      send(record, published.goldenId(), SyncOutput.Route.PATIENT, patient);
      ReconciliationInput version =
          ReconciliationInput.published(
              ReconciliationInput.PATIENT,
              published.goldenId(),
              published.version(),
              context.currentSystemTimeMs());
      send(record, version.key(), SyncOutput.Route.PUBLISHED, version);
    } else if (event instanceof SyncEvent.PatientRetired retired) {
      patients.delete(retired.goldenId());
      send(record, retired.goldenId(), SyncOutput.Route.PATIENT, null);
    } else if (event instanceof SyncEvent.ReviewOpened review) {
      send(
          record,
          review.entry().reviewId(),
          SyncOutput.Route.REVIEW,
          records.review(review.entry(), correlation, cause, time));
    } else if (event instanceof SyncEvent.ConflictFound conflict) {
      send(
          record,
          conflict.goldenId(),
          SyncOutput.Route.CONFLICT,
          records.conflict(conflict.goldenId(), conflict.conflict(), correlation, cause, time));
    } else if (event instanceof SyncEvent.ValidationFailed failed) {
      send(
          record,
          failed.source().text(),
          SyncOutput.Route.ERROR,
          records.error(
              failed.entityType(),
              failed.source(),
              failed.version(),
              failed.violations(),
              correlation,
              cause,
              time));
    } else if (event instanceof SyncEvent.SourceLinked linked) {
      send(
          record,
          linked.source().text(),
          SyncOutput.Route.LINK,
          ClinicalInput.linkChange(linked.goldenId()));
    }
  }

  private void send(
      Record<String, IdentityInput> record, String key, SyncOutput.Route route, Object value) {
    context.forward(record.withKey(key).withValue(new SyncOutput(route, value)));
  }

  /** The identity graph's state over this task's stores. */
  private static final class StoreBackedIdentity implements IdentityStore {
    private final KeyValueStore<String, SourceState> sources;
    private final KeyValueStore<String, GoldenState> goldens;
    private final KeyValueStore<String, String> decisions;
    private final KeyValueStore<String, String> blocking;
    private final KeyValueStore<String, ReviewEntry> reviews;

    StoreBackedIdentity(
        KeyValueStore<String, SourceState> sources,
        KeyValueStore<String, GoldenState> goldens,
        KeyValueStore<String, String> decisions,
        KeyValueStore<String, String> blocking,
        KeyValueStore<String, ReviewEntry> reviews) {
      this.sources = sources;
      this.goldens = goldens;
      this.decisions = decisions;
      this.blocking = blocking;
      this.reviews = reviews;
    }

    @Override
    public SourceState source(String key) {
      return sources.get(key);
    }

    @Override
    public void putSource(String key, SourceState state) {
      sources.put(key, state);
    }

    @Override
    public GoldenState golden(String goldenId) {
      return goldens.get(goldenId);
    }

    @Override
    public void putGolden(GoldenState state) {
      goldens.put(state.goldenId(), state);
    }

    @Override
    public void deleteGolden(String goldenId) {
      goldens.delete(goldenId);
    }

    @Override
    public Map<String, String> decisionsOf(String source) {
      Map<String, String> found = new HashMap<>();
      String prefix = source + SEPARATOR;
      try (KeyValueIterator<String, String> it =
          decisions.prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(e -> found.put(e.key.substring(prefix.length()), e.value));
      }
      return found;
    }

    @Override
    public void putDecision(String a, String b, String decision) {
      decisions.put(a + SEPARATOR + b, decision);
      decisions.put(b + SEPARATOR + a, decision);
    }

    @Override
    public Set<String> blocked(String blockingKey) {
      Set<String> found = new HashSet<>();
      String prefix = blockingKey + SEPARATOR;
      try (KeyValueIterator<String, String> it =
          blocking.prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(e -> found.add(e.key.substring(prefix.length())));
      }
      return found;
    }

    @Override
    public void addBlocking(String blockingKey, String source) {
      blocking.put(blockingKey + SEPARATOR + source, "");
    }

    @Override
    public void removeBlocking(String blockingKey, String source) {
      blocking.delete(blockingKey + SEPARATOR + source);
    }

    @Override
    public ReviewEntry review(String reviewId) {
      return reviews.get(reviewId);
    }

    @Override
    public void putReview(ReviewEntry entry) {
      reviews.put(entry.reviewId(), entry);
    }

    @Override
    public void deleteReview(String reviewId) {
      reviews.delete(reviewId);
    }

    @Override
    public Collection<ReviewEntry> reviews() {
      List<ReviewEntry> all = new ArrayList<>();
      try (KeyValueIterator<String, ReviewEntry> it = reviews.all()) {
        it.forEachRemaining((KeyValue<String, ReviewEntry> e) -> all.add(e.value));
      }
      return all;
    }
  }
}
