package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.AnomalyOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaNotice;
import dev.healthstreams.topology.support.Correlation;
import dev.healthstreams.topology.support.Counters;
import dev.healthstreams.topology.support.StatefulProcessors;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Per PA (the key): applies each status event with {@link PriorAuthProjection}, keeps the view, its
 * secondary-index entries and its due-index entries, and sends on the view, anomalies, SLA events
 * and stats deltas (keyed by payer and urgency). A wall-clock punctuator reads the due index up to
 * now: it writes breaches and deletes PAs past retention.
 */
final class PriorAuthProcessor
    implements Processor<String, PriorAuthStatusChanged, String, PriorAuthOutput> {
  static final String VIEW_STORE = "prior-auth-views";
  static final String METRIC = "healthstreams.priorauth.events";

  private final PriorAuthProjection projection;
  private final PriorAuthSettings settings;
  private final PriorAuthRecords records;
  private final Counters outcomes;
  private final String topology;
  private ProcessorContext<String, PriorAuthOutput> context;
  private KeyValueStore<String, PriorAuthView> views;
  // The secondary indexes and the due index, one store (see PriorAuthIndexes).
  private KeyValueStore<String, String> index;

  PriorAuthProcessor(String topology, PriorAuthSettings settings, Counters outcomes) {
    this.topology = topology;
    this.settings = settings;
    this.projection = settings.projection();
    this.records = new PriorAuthRecords(topology);
    this.outcomes = outcomes;
  }

  /** The processor with the stores it declares: views, and the indexes of them. */
  static ProcessorSupplier<String, PriorAuthStatusChanged, String, PriorAuthOutput> supplier(
      String topology,
      PriorAuthSettings settings,
      MeterRegistry metrics,
      Serde<PriorAuthView> viewSerde) {
    Counters outcomes =
        new Counters(
            metrics, METRIC, "Prior-authorization events by what they did", "topology", "outcome");
    StoreBuilder<?>[] stores = stores(viewSerde);
    // Cached: a PA's events of one commit interval write its view and index keys to the
    // changelog once, and a key put and deleted within it not at all.
    for (StoreBuilder<?> store : stores) {
      store.withCachingEnabled();
    }
    return StatefulProcessors.supplier(
        () -> new PriorAuthProcessor(topology, settings, outcomes), stores);
  }

  /**
   * The store builders, in a stable order, uncached (the restart test opens the same ones: its mock
   * context has no record cache).
   */
  static StoreBuilder<?>[] stores(Serde<PriorAuthView> viewSerde) {
    return new StoreBuilder<?>[] {
      Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(), viewSerde),
      Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(PriorAuthIndexes.STORE), Serdes.String(), Serdes.String())
    };
  }

  @Override
  public void init(ProcessorContext<String, PriorAuthOutput> context) {
    this.context = context;
    this.views = context.getStateStore(VIEW_STORE);
    this.index = context.getStateStore(PriorAuthIndexes.STORE);
    context.schedule(settings.slaCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDue);
  }

  @Override
  public void process(Record<String, PriorAuthStatusChanged> record) {
    StatusEvent event =
        StatusEvents.read(record.key(), record.value(), Correlation.fromHeader(record.headers()));
    PriorAuthView stored = views.get(event.priorAuthId());
    PriorAuthState before = stored == null ? null : PriorAuthViews.toState(stored);
    Replay beforeReplay = before == null ? null : projection.replay(before);
    Outcome outcome = projection.apply(before, beforeReplay, event);
    switch (outcome.kind()) {
      case DUPLICATE -> count("duplicate");
      case BEYOND_HISTORY -> count("beyond-history");
      case APPLIED -> {
        count("applied");
        if (outcome.anomaly() != null) {
          count(outcome.anomaly().rejected() ? "rejected" : "illegal-applied");
          forward(
              event.priorAuthId(),
              new AnomalyOut(
                  records.anomaly(
                      outcome.anomaly(), outcome.state().correlationId(), record.timestamp())),
              record.timestamp());
        }
        if (outcome.extensionCapped()) {
          count("extension-capped");
        }
        save(stored, before, beforeReplay, outcome, event.eventId(), record.timestamp());
      }
    }
  }

  /** Breaches of clocks due by now, and PAs past retention: only what the due index holds. */
  private void checkDue(long now) {
    List<String> dueKeys = new ArrayList<>();
    try (KeyValueIterator<String, String> entries =
        index.range(DueIndex.first(), DueIndex.dueBy(now))) {
      entries.forEachRemaining(entry -> dueKeys.add(entry.key));
    }
    for (String key : dueKeys) {
      String id = DueIndex.priorAuthIdOf(key);
      PriorAuthView stored = views.get(id);
      if (stored == null) {
        index.delete(key);
        continue;
      }
      PriorAuthState state = PriorAuthViews.toState(stored);
      if (settings.retention().isDue(state.lastUpdatedAt(), now)) {
        expire(stored, state, now); // its retention key, due by now too, is deleted below
        index.delete(key);
        continue;
      }
      if (DueIndex.isRetention(key)) {
        // Changed since the key was written: it moves to the PA's retention time of now.
        index.delete(key);
        index.put(DueIndex.retention(state, settings.retention()), id);
        continue;
      }
      Outcome outcome = projection.breaches(state, now);
      if (outcome.changed()) {
        count("breached");
        save(stored, state, outcome.replay(), outcome, null, now); // a breach moves no clock
      } else {
        index.delete(key); // stale: the clock stopped or was breached since
      }
    }
  }

  private void save(
      PriorAuthView stored,
      PriorAuthState before,
      Replay beforeReplay,
      Outcome outcome,
      String causation,
      long time) {
    PriorAuthState state = outcome.state();
    PriorAuthView view = PriorAuthViews.toView(state, outcome.replay());
    String id = state.priorAuthId();
    views.put(id, view);
    updateIndexes(stored, view);
    Set<String> oldDue = before == null ? Set.of() : DueIndex.deadlines(before, beforeReplay);
    Set<String> newDue = DueIndex.deadlines(state, outcome.replay());
    oldDue.stream().filter(k -> !newDue.contains(k)).forEach(index::delete);
    newDue.stream().filter(k -> !oldDue.contains(k)).forEach(k -> index.put(k, id));
    if (before == null) {
      index.put(DueIndex.retention(state, settings.retention()), id); // see DueIndex
    }
    forward(id, new ViewOut(view), time);
    for (SlaNotice notice : outcome.notices()) {
      forward(id, new SlaOut(records.slaEvent(state, notice, causation, time)), time);
    }
    Contribution old = before == null ? null : Contribution.of(before, beforeReplay);
    sendStats(old, Contribution.of(state, outcome.replay()), time);
  }

  // Retention: the view, its index entries but the retention key (the caller's) and its share of
  // the
  // statistics go; a tombstone follows.
  private void expire(PriorAuthView stored, PriorAuthState state, long now) {
    Replay replay = projection.replay(state);
    views.delete(state.priorAuthId());
    updateIndexes(stored, null);
    DueIndex.deadlines(state, replay).forEach(index::delete);
    count("expired");
    forward(state.priorAuthId(), new ViewOut(null), now);
    sendStats(Contribution.of(state, replay), null, now);
  }

  private void updateIndexes(PriorAuthView before, PriorAuthView after) {
    Map<String, String> oldKeys = PriorAuthIndexes.keys(before);
    Map<String, String> newKeys = PriorAuthIndexes.keys(after);
    oldKeys.forEach(
        (name, oldKey) -> {
          if (!oldKey.equals(newKeys.get(name))) {
            index.delete(oldKey);
          }
        });
    newKeys.forEach(
        (name, newKey) -> {
          if (!newKey.equals(oldKeys.get(name))) {
            index.put(newKey, "");
          }
        });
  }

  // Each PA counts once: its old contribution is taken back where it was counted.
  private void sendStats(Contribution old, Contribution now, long time) {
    if (Objects.equals(old, now)) {
      return;
    }
    if (old != null && now != null && old.statsKey().equals(now.statsKey())) {
      forward(now.statsKey(), new StatsOut(PriorAuthRecords.delta(old, now)), time);
      return;
    }
    if (old != null) {
      forward(old.statsKey(), new StatsOut(PriorAuthRecords.delta(old, null)), time);
    }
    if (now != null) {
      forward(now.statsKey(), new StatsOut(PriorAuthRecords.delta(null, now)), time);
    }
  }

  private void forward(String key, PriorAuthOutput output, long time) {
    context.forward(new Record<>(key, output, time));
  }

  private void count(String outcome) {
    outcomes.increment(topology, outcome);
  }
}
