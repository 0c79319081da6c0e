package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthBreachSent;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import dev.healthstreams.topology.support.BacktestMode;
import dev.healthstreams.topology.support.Correlation;
import dev.healthstreams.topology.support.Counters;
import dev.healthstreams.topology.support.DerivedStores;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.RecordPositions;
import dev.healthstreams.topology.support.StatefulProcessors;
import dev.healthstreams.topology.support.UnconfirmedSends;
import dev.healthstreams.topology.support.UndoLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * secondary-index entries and its due-index entries, and sends on the view, anomalies and SLA
 * events. A wall-clock punctuator reads the due index up to now: it writes breaches and deletes PAs
 * past retention. The outputs go through {@link PriorAuthSends}, the index entries through {@link
 * PriorAuthIndexWrites}.
 *
 * <p>The task's part of each payer's statistics ({@link PartitionStats}) follows every write of a
 * view, and another wall-clock punctuator publishes the parts that changed, whole, every {@code
 * stats-interval}: one record per payer, urgency and interval, where a delta per event was nearly
 * one record an event. Like the index, the parts derive from the views and are built again from
 * them at init.
 */
final class PriorAuthProcessor
    implements Processor<String, PriorAuthStatusChanged, String, PriorAuthOutput> {
  static final String VIEW_STORE = "prior-auth-views";
  // Every stats key this task has published a part for: at init, those whose PAs are gone get an
  // empty part (the one sent before a failure may not have gone out). Never deleted: a delete that
  // outlived its empty part under at-least-once would leave the payer's last PA counted for good,
  // and there are two keys per payer.
  static final String PUBLISHED_STORE = "prior-auth-stats-published";
  static final String METRIC = "healthstreams.priorauth.events";

  private final PriorAuthProjection projection;
  private final PriorAuthSettings settings;
  private final Counters outcomes;
  private final String topology;
  private ProcessorContext<String, PriorAuthOutput> context;
  private KeyValueStore<String, PriorAuthView> views;
  // The secondary indexes and the due index, one store (see PriorAuthIndexes).
  private KeyValueStore<String, String> index;
  private PriorAuthIndexWrites indexWrites;
  private PriorAuthSends sends;
  private PartitionStats stats;
  private KeyValueStore<String, String> published;
  private final Set<String> publishedKeys = new HashSet<>();
  private boolean statsAtEveryChange;
  // A committed input is installed under at-least-once only: views then keep an undo log.
  private PriorAuthUndo undoLogs = PriorAuthUndo.NONE;
  // Under at-least-once too: a breach or an expiry stays in the view until a commit confirms it.
  private UnconfirmedOutputs unconfirmed = UnconfirmedOutputs.NONE;

  PriorAuthProcessor(String topology, PriorAuthSettings settings, Counters outcomes) {
    this.topology = topology;
    this.settings = settings;
    this.projection = settings.projection();
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
    // Neither store is cached. The views' cache saved about a sixth of their changelog writes
    // (a PA's events within one commit interval), and its bookkeeping and flushes cost more than
    // that; the index store has no changelog behind it (A/B pairs: events/s up a third, then an
    // eighth).
    StoreBuilder<?>[] stores = stores(viewSerde);
    return StatefulProcessors.supplier(
        () -> new PriorAuthProcessor(topology, settings, outcomes), stores);
  }

  /**
   * The store builders, in a stable order (the restart test opens the same ones): the views, the
   * index store, then the stats keys published.
   *
   * <p>The index store has no changelog: everything in it derives from the views, so {@link #init}
   * empties it and builds it again from them whenever the task is initialized. Logged, it wrote
   * about three changelog records an event, half of all the topology wrote; its price is one pass
   * over the task's views at each init, on the stream thread (README, "prior-auth-projection"). It
   * stays in RocksDB, within the off-heap budget, rather than in memory, where it would take about
   * 600 bytes of heap a PA.
   */
  static StoreBuilder<?>[] stores(Serde<PriorAuthView> viewSerde) {
    return new StoreBuilder<?>[] {
      Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(), viewSerde),
      Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(PriorAuthIndexes.STORE),
              Serdes.String(),
              Serdes.String())
          .withLoggingDisabled(),
      Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(PUBLISHED_STORE), Serdes.String(), Serdes.String())
    };
  }

  @Override
  public void init(ProcessorContext<String, PriorAuthOutput> context) {
    this.context = context;
    this.views = context.getStateStore(VIEW_STORE);
    this.index = context.getStateStore(PriorAuthIndexes.STORE);
    this.indexWrites = new PriorAuthIndexWrites(index::put, index::delete, projection);
    this.published = context.getStateStore(PUBLISHED_STORE);
    this.stats = new PartitionStats();
    // Built again from the views, which Kafka Streams restored before this init (see stores()).
    DerivedStores.rebuild(
        index,
        views,
        (id, view, put) -> {
          PriorAuthState state = PriorAuthViews.toState(view);
          Replay replay = UnconfirmedOutputs.isExpiring(view) ? null : projection.replay(state);
          new PriorAuthIndexWrites(put, PriorAuthProcessor::noDelete, projection)
              .addAll(view, state, replay, settings.retention());
          if (replay != null) {
            stats.replace(null, Contribution.of(state, replay));
          }
        });
    publishedKeys.clear();
    try (KeyValueIterator<String, String> keys = published.all()) {
      keys.forEachRemaining(entry -> publishedKeys.add(entry.key));
    }
    stats.rebuilt(publishedKeys);
    this.sends =
        new PriorAuthSends(
            (key, output, time) -> context.forward(new Record<>(key, output, time)),
            new PriorAuthRecords(topology));
    this.undoLogs = PriorAuthUndo.from(context.appConfigs());
    this.unconfirmed = UnconfirmedOutputs.from(context.appConfigs());
    context.schedule(settings.slaCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDue);
    this.statsAtEveryChange = BacktestMode.isOn(context.appConfigs());
    context.schedule(settings.statsInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishStats);
  }

  /** The parts of the statistics that changed since last time, each whole. */
  private void publishStats(long now) {
    int partition = context.taskId().partition();
    for (PartitionStats.Part part : stats.takeChanged()) {
      sends.statsPart(part.key(), partition, part.figures(), now);
      if (publishedKeys.add(part.key())) {
        published.put(part.key(), "");
      }
    }
  }

  /** A view's share of the statistics: none for no view, or an expiring one. */
  private Contribution shareOf(PriorAuthView view) {
    if (view == null || UnconfirmedOutputs.isExpiring(view)) {
      return null;
    }
    PriorAuthState state = PriorAuthViews.toState(view);
    return Contribution.of(state, projection.replay(state));
  }

  // A view's entries are all new in a rebuild: nothing to delete.
  private static void noDelete(String key) {
    throw new IllegalStateException("a rebuild deletes no index entry");
  }

  @Override
  public void process(Record<String, PriorAuthStatusChanged> record) {
    StatusEvent event =
        StatusEvents.read(record.key(), record.value(), Correlation.fromHeader(record.headers()));
    InputPosition here = RecordPositions.of(context.recordMetadata());
    unconfirmed.read(here);
    PriorAuthView stored = views.get(event.priorAuthId());
    UndoLog<PriorAuthView> undo = undoLogs.of(stored);
    // Read again after a crash (at-least-once): applied to the view it first met, not taken for
    // the duplicate of itself.
    Optional<UndoLog.Rollback<PriorAuthView>> rollback = undo.rollbackFor(here);
    PriorAuthView from = rollback.isPresent() ? rollback.get().state() : stored;
    UndoLog<PriorAuthView> undone = rollback.map(UndoLog.Rollback::remaining).orElse(undo);
    // A PA retention deleted is none to the event. The undo entry keeps its expired view: a crash
    // before this event's commit brings it back, and its outputs are sent again then.
    PriorAuthView live = UnconfirmedOutputs.isExpiring(from) ? null : from;
    if (live != from && unconfirmed.status(from) == UnconfirmedSends.Status.NOT_SENT_HERE) {
      sendAgain(from);
    }
    PriorAuthState before = live == null ? null : PriorAuthViews.toState(live);
    Replay beforeReplay = before == null ? null : projection.replay(before);
    Outcome outcome = projection.apply(before, beforeReplay, event);
    if (!outcome.changed() && rollback.isPresent()) {
      restore(stored, from, undone); // the later events, read again next, change it again
    }
    switch (outcome.kind()) {
      case DUPLICATE -> count("duplicate");
      case BEYOND_HISTORY -> count("beyond-history");
      case APPLIED -> {
        count("applied");
        if (outcome.anomaly() != null) {
          count(outcome.anomaly().rejected() ? "rejected" : "illegal-applied");
          sends.anomaly(event.priorAuthId(), outcome, record.timestamp());
        }
        if (outcome.extensionCapped()) {
          count("extension-capped");
        }
        Set<String> storedDue =
            rollback.isPresent()
                ? indexWrites.dueOf(stored)
                : PriorAuthIndexWrites.dueOf(before, beforeReplay);
        List<PriorAuthBreachSent> breachesSent =
            live == null ? List.of() : live.getUnconfirmedBreaches();
        // The share of the view in the store: the one the event met, unless it was read again.
        Contribution storedShare =
            rollback.isPresent()
                ? shareOf(stored)
                : before == null ? null : Contribution.of(before, beforeReplay);
        save(
            new Change(
                stored,
                storedDue,
                storedShare,
                before,
                undoLogs.after(undone, here, from),
                breachesSent),
            outcome,
            event.eventId(),
            record.timestamp());
      }
    }
    if (statsAtEveryChange) {
      publishStats(record.timestamp());
    }
  }

  /**
   * Breaches of clocks whose deadline has passed, and PAs past retention: only what the due index
   * holds.
   */
  private void checkDue(long now) {
    List<String> dueKeys = new ArrayList<>();
    try (KeyValueIterator<String, String> entries =
        index.range(DueIndex.first(), DueIndex.passedBy(now))) {
      entries.forEachRemaining(entry -> dueKeys.add(entry.key));
    }
    for (String key : dueKeys) {
      String id = DueIndex.priorAuthIdOf(key);
      PriorAuthView stored = views.get(id);
      if (stored == null) {
        index.delete(key);
        continue;
      }
      if (UnconfirmedOutputs.isExpiring(stored)) {
        settleExpiry(stored, key);
        continue;
      }
      PriorAuthView current = stored.getUnconfirmedBreaches().isEmpty() ? stored : settle(stored);
      PriorAuthState state = PriorAuthViews.toState(current);
      if (settings.retention().isDue(state.lastUpdatedAt(), now)) {
        expire(current, state, now, key);
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
        // A breach moves no clock; it is no event, so no undo entry (README, "Failure test").
        save(
            new Change(
                current,
                PriorAuthIndexWrites.dueOf(state, outcome.replay()),
                Contribution.of(state, outcome.replay()), // a breach leaves it alone
                state,
                undoLogs.after(undoLogs.of(current), InputPosition.UNKNOWN, current),
                unconfirmed.sending(current, now)),
            outcome,
            null,
            now);
        if (unconfirmed.kept()) {
          index.put(key, id); // brings the view back to this check until the breach is confirmed
        }
      } else if (current.getUnconfirmedBreaches().isEmpty()) {
        index.delete(key); // stale: the clock stopped or was breached since
      }
    }
    if (statsAtEveryChange) {
      publishStats(now); // retention took PAs out
    }
  }

  /**
   * A view holding breaches not yet confirmed (at-least-once): sends them again when this instance
   * did not send them (it was restored after a crash, or the PA moved here), drops them once a
   * commit confirmed them.
   *
   * @return the view as stored now
   */
  private PriorAuthView settle(PriorAuthView stored) {
    switch (unconfirmed.status(stored)) {
      case NOT_SENT_HERE -> {
        sendAgain(stored);
        return stored;
      }
      case AWAITING_COMMIT -> {
        return stored;
      }
      default -> {
        PriorAuthView settled = UnconfirmedOutputs.with(stored, List.of());
        views.put(stored.getPriorAuthId(), settled);
        unconfirmed.forget(stored.getPriorAuthId());
        return settled;
      }
    }
  }

  /**
   * An expired view awaiting confirmation ({@link UnconfirmedOutputs}): its outputs are sent again
   * when this instance did not send them, and it goes, with its due key, once a commit confirmed
   * them.
   */
  private void settleExpiry(PriorAuthView stored, String key) {
    switch (unconfirmed.status(stored)) {
      case NOT_SENT_HERE -> sendAgain(stored);
      case AWAITING_COMMIT -> {}
      default -> {
        views.delete(stored.getPriorAuthId());
        index.delete(key);
        unconfirmed.forget(stored.getPriorAuthId());
      }
    }
  }

  /**
   * The unconfirmed outputs the stored view keeps, sent again as they were first sent: its
   * breaches, with its current view, then its expiry.
   */
  private void sendAgain(PriorAuthView stored) {
    if (!stored.getUnconfirmedBreaches().isEmpty()) {
      count("breach-resent");
    }
    for (PriorAuthBreachSent sent : stored.getUnconfirmedBreaches()) {
      PriorAuthState before = PriorAuthViews.toState(sent.getView());
      Outcome outcome = projection.breaches(before, sent.getAt());
      sends.change(UnconfirmedOutputs.published(stored), outcome, null, sent.getAt());
    }
    if (UnconfirmedOutputs.isExpiring(stored)) {
      count("expiry-resent");
      sends.expiry(PriorAuthViews.toState(stored), stored.getExpiredAt());
    }
    unconfirmed.resent(stored);
  }

  /**
   * What a change starts from.
   *
   * @param stored the view in the store, whose index entries are replaced
   * @param storedDue its due-index keys
   * @param storedShare its share of the statistics, replaced by the new view's
   * @param before the state the event was applied to: the stored one, or the one an event read
   *     again first met; the retention key goes from it
   * @param undo the undo log the new view keeps
   * @param breachesSent the unconfirmed breaches it keeps ({@link UnconfirmedOutputs})
   */
  private record Change(
      PriorAuthView stored,
      Set<String> storedDue,
      Contribution storedShare,
      PriorAuthState before,
      UndoLog<PriorAuthView> undo,
      List<PriorAuthBreachSent> breachesSent) {}

  private void save(Change change, Outcome outcome, String causation, long time) {
    PriorAuthState state = outcome.state();
    PriorAuthView view = PriorAuthViews.toView(state, outcome.replay());
    String id = state.priorAuthId();
    views.put(
        id,
        PriorAuthUndo.stored(UnconfirmedOutputs.with(view, change.breachesSent()), change.undo()));
    indexWrites.replaceListed(change.stored(), view);
    indexWrites.replaceDue(change.storedDue(), DueIndex.deadlines(state, outcome.replay()), id);
    if (change.before() == null) {
      index.put(DueIndex.retention(state, settings.retention()), id); // see DueIndex
    }
    stats.replace(change.storedShare(), Contribution.of(state, outcome.replay()));
    sends.change(view, outcome, causation, time);
  }

  /**
   * Puts back the view an event read again first met, with its index entries, and sends nothing:
   * the event and the ones after it, read again, send their outputs as they change it again.
   */
  private void restore(PriorAuthView stored, PriorAuthView from, UndoLog<PriorAuthView> undo) {
    String id = stored.getPriorAuthId();
    stats.replace(shareOf(stored), shareOf(from));
    if (from == null) {
      views.delete(id);
    } else {
      views.put(id, PriorAuthUndo.stored(from, undo));
    }
    indexWrites.replaceListed(stored, from);
    indexWrites.replaceDue(indexWrites.dueOf(stored), indexWrites.dueOf(from), id);
    if (UnconfirmedOutputs.isExpiring(from)) {
      // Its due key may have moved on with the view the event made: back to the punctuation.
      index.put(DueIndex.retention(PriorAuthViews.toState(from), settings.retention()), id);
    }
  }

  /**
   * Retention: the view, its index entries and due keys and its share of the statistics go; a
   * tombstone follows. Under at-least-once an expired view stays in place of the view, with the
   * PA's retention key, until a commit confirms those outputs ({@link UnconfirmedOutputs}).
   */
  private void expire(PriorAuthView stored, PriorAuthState state, long now, String dueKey) {
    String id = state.priorAuthId();
    Replay replay = projection.replay(state);
    indexWrites.replaceListed(stored, null);
    DueIndex.deadlines(state, replay).forEach(index::delete);
    index.delete(dueKey); // any other due key of the PA finds no view, or the expired one, below
    if (unconfirmed.kept()) {
      views.put(id, unconfirmed.expiring(stored, now));
      index.put(DueIndex.retention(state, settings.retention()), id);
    } else {
      views.delete(id);
      unconfirmed.forget(id);
    }
    count("expired");
    stats.replace(Contribution.of(state, replay), null);
    sends.expiry(state, now);
  }

  private void count(String outcome) {
    outcomes.increment(topology, outcome);
  }
}
