package dev.healthstreams.topology.canonical;

import dev.healthstreams.avro.LinkType;
import dev.healthstreams.topology.support.EventMetadataFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identity stage's logic over its state: patient source records in, golden patients, review
 * items, conflicts and link changes out. Rules it keeps:
 *
 * <ul>
 *   <li>A version at or below the last one seen of a source writes nothing (replays, CDC
 *       re-deliveries); without an order, an unchanged record writes nothing.
 *   <li>An invalid version writes an error with every failed rule and leaves the links as they
 *       were; it is not linked.
 *   <li>Automatic matching places a source record once, when it arrives (or comes back after a
 *       delete); a linked record's updates stay with its golden patient. Golden patients are never
 *       merged automatically: only a steward's link moves a record into another's golden patient.
 *   <li>A steward's link and not-a-match are remembered and win over matching, including for a
 *       source record that arrives after the decision.
 *   <li>A golden patient is rebuilt from its linked source records alone, and published only when
 *       its content, sources or flags changed.
 * </ul>
 */
public final class IdentityGraph {
  public static final String POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE";
  static final String LINK = "link";
  static final String NOT_A_MATCH = "not-a-match";
  public static final String PATIENT = "patient";

  private final IdentityStore store;
  private final Matcher matcher;
  private final BlockingKeys blocking;
  private final Survivorship survivorship;
  private final ConflictDetector conflicts;
  private final Validator validator = new Validator();
  private final Linker linker = new Linker();

  public IdentityGraph(
      IdentityStore store, Matcher matcher, Survivorship survivorship, ConflictDetector conflicts) {
    this.store = store;
    this.matcher = matcher;
    this.blocking = new BlockingKeys(matcher.rules());
    this.survivorship = survivorship;
    this.conflicts = conflicts;
  }

  /** A golden id derived from the source record that founds it, so replays give the same id. */
  public static String goldenIdOf(SourceKey founder, int attempt) {
    return attempt == 0
        ? EventMetadataFactory.eventId("golden", founder.system(), founder.id())
        : EventMetadataFactory.eventId(
            "golden", founder.system(), founder.id(), String.valueOf(attempt));
  }

  public List<SyncEvent> apply(PatientChange change, Instant now) {
    String key = change.source().text();
    SourceState existing = store.source(key);
    Long sequence = change.sequence();
    Long lastSeen = existing == null ? null : existing.lastSequence();
    if (sequence != null && lastSeen != null && sequence <= lastSeen) {
      return List.of();
    }
    Long nextSeen = sequence != null ? sequence : lastSeen;
    List<SyncEvent> events = new ArrayList<>();
    Set<String> touched = new LinkedHashSet<>();
    if (change.record() == null) {
      store.putSource(key, new SourceState(null, null, null, nextSeen));
      if (existing != null && existing.linked()) {
        unindex(existing.record());
        removeSource(existing.goldenId(), key);
        touched.add(existing.goldenId());
        resolveReviews(Set.of(key), touched);
        events.add(new SyncEvent.SourceLinked(change.source(), null));
      }
      rebuild(touched, events);
      return events;
    }
    PatientRecord record = change.record();
    if (sequence == null
        && existing != null
        && existing.record() != null
        && existing.record().demographics().equals(record.demographics())) {
      return List.of();
    }
    List<Violation> violations = validator.patient(record.demographics(), now);
    if (!violations.isEmpty()) {
      store.putSource(
          key,
          existing == null
              ? new SourceState(null, null, null, nextSeen)
              : new SourceState(
                  existing.record(), existing.goldenId(), existing.linkType(), nextSeen));
      return List.of(
          new SyncEvent.ValidationFailed(PATIENT, change.source(), record.version(), violations));
    }
    if (existing != null && existing.linked()) {
      reindex(existing.record(), record);
      store.putSource(
          key, new SourceState(record, existing.goldenId(), existing.linkType(), nextSeen));
      touched.add(existing.goldenId());
    } else {
      place(record, nextSeen, now, events, touched);
    }
    rebuild(touched, events);
    return events;
  }

  public List<SyncEvent> apply(LinkCommand command) {
    String a = command.sourceA().text();
    String b = command.sourceB().text();
    List<SyncEvent> events = new ArrayList<>();
    Set<String> touched = new LinkedHashSet<>();
    SourceState stateA = store.source(a);
    SourceState stateB = store.source(b);
    boolean bothLinked = stateA != null && stateA.linked() && stateB != null && stateB.linked();
    resolveReviews(Set.of(a, b), touched);
    if (command.command() == LinkCommand.Kind.LINK) {
      store.putDecision(a, b, LINK);
      if (bothLinked) {
        String golden = stateA.goldenId();
        store.putSource(
            a, new SourceState(stateA.record(), golden, LinkType.MANUAL, stateA.lastSequence()));
        touched.add(golden);
        if (!golden.equals(stateB.goldenId())) {
          move(b, stateB, golden, touched);
          events.add(new SyncEvent.SourceLinked(command.sourceB(), golden));
        } else {
          store.putSource(
              b, new SourceState(stateB.record(), golden, LinkType.MANUAL, stateB.lastSequence()));
        }
      }
    } else {
      store.putDecision(a, b, NOT_A_MATCH);
      if (bothLinked && stateA.goldenId().equals(stateB.goldenId())) {
        String fresh = freshGoldenId(command.sourceB());
        move(b, stateB, fresh, touched);
        events.add(new SyncEvent.SourceLinked(command.sourceB(), fresh));
      }
    }
    rebuild(touched, events);
    return events;
  }

  /** Where a source record without a golden patient goes: manual link, match, or a new one. */
  private void place(
      PatientRecord record,
      Long sequence,
      Instant now,
      List<SyncEvent> events,
      Set<String> touched) {
    String key = record.source().text();
    Map<String, String> decisions = store.decisionsOf(key);
    Set<String> excluded = new HashSet<>();
    for (Map.Entry<String, String> decision : decisions.entrySet()) {
      SourceState other = store.source(decision.getKey());
      if (other == null || !other.linked()) {
        continue;
      }
      if (decision.getValue().equals(LINK)) {
        attach(record, sequence, other.goldenId(), LinkType.MANUAL, events, touched);
        return;
      }
      excluded.add(other.goldenId());
    }
    Map<String, MatchOutcome> best = new HashMap<>();
    for (String candidate : candidates(record)) {
      SourceState state = store.source(candidate);
      if (candidate.equals(key) || state == null || !state.linked()) {
        continue;
      }
      MatchOutcome outcome = matcher.compare(record.demographics(), state.record().demographics());
      best.merge(state.goldenId(), outcome, Linker::stronger);
    }
    Linker.Decision decision = linker.decide(best, excluded);
    switch (decision.action()) {
      case LINK -> attach(record, sequence, decision.goldenId(), LinkType.AUTO, events, touched);
      case NEW_GOLDEN ->
          attach(record, sequence, freshGoldenId(record.source()), LinkType.AUTO, events, touched);
      case REVIEW -> {
        String golden = freshGoldenId(record.source());
        attach(record, sequence, golden, LinkType.AUTO, events, touched);
        ReviewEntry entry = review(record.source(), golden, decision, now);
        store.putReview(entry);
        events.add(new SyncEvent.ReviewOpened(entry));
        for (String flagged : entry.flagged()) {
          setFlag(flagged, true);
          touched.add(flagged);
        }
      }
    }
  }

  private static ReviewEntry review(
      SourceKey source, String golden, Linker.Decision decision, Instant now) {
    List<ReviewEntry.Candidate> candidates = new ArrayList<>();
    decision
        .candidates()
        .forEach(
            (id, outcome) ->
                candidates.add(
                    new ReviewEntry.Candidate(
                        id,
                        outcome.result().name(),
                        outcome.matchedFields().stream().sorted().toList())));
    return new ReviewEntry(
        EventMetadataFactory.eventId("review", source.text(), golden),
        source.text(),
        golden,
        decision.reason().name(),
        candidates,
        now.toEpochMilli());
  }

  private void attach(
      PatientRecord record,
      Long sequence,
      String goldenId,
      LinkType type,
      List<SyncEvent> events,
      Set<String> touched) {
    String key = record.source().text();
    store.putSource(key, new SourceState(record, goldenId, type, sequence));
    index(record);
    addSource(goldenId, key);
    touched.add(goldenId);
    events.add(new SyncEvent.SourceLinked(record.source(), goldenId));
  }

  private void move(String key, SourceState state, String toGolden, Set<String> touched) {
    removeSource(state.goldenId(), key);
    addSource(toGolden, key);
    store.putSource(
        key, new SourceState(state.record(), toGolden, LinkType.MANUAL, state.lastSequence()));
    touched.add(state.goldenId());
    touched.add(toGolden);
  }

  /** Closes the open review items of these sources and drops flags no open item still needs. */
  private void resolveReviews(Set<String> sources, Set<String> touched) {
    List<ReviewEntry> closing =
        store.reviews().stream().filter(r -> sources.contains(r.source())).toList();
    if (closing.isEmpty()) {
      return;
    }
    closing.forEach(r -> store.deleteReview(r.reviewId()));
    Set<String> stillFlagged = new HashSet<>();
    store.reviews().forEach(r -> stillFlagged.addAll(r.flagged()));
    for (ReviewEntry entry : closing) {
      for (String golden : entry.flagged()) {
        if (!stillFlagged.contains(golden)) {
          setFlag(golden, false);
          touched.add(golden);
        }
      }
    }
  }

  /** Source records sharing every parameter of at least one candidate search with the record. */
  private Set<String> candidates(PatientRecord record) {
    Set<String> found = new TreeSet<>();
    for (Set<MatchRules.BlockingParam> search : matcher.rules().candidateSearches()) {
      Set<String> matching = null;
      for (MatchRules.BlockingParam param : search) {
        Set<String> ofParam = new HashSet<>();
        for (String blockingKey : blocking.keys(param, record.demographics())) {
          ofParam.addAll(store.blocked(blockingKey));
        }
        if (matching == null) {
          matching = ofParam;
        } else {
          matching.retainAll(ofParam);
        }
        if (matching.isEmpty()) {
          break;
        }
      }
      if (matching != null) {
        found.addAll(matching);
      }
    }
    return found;
  }

  /** The first id derived from the founder that no golden patient with sources holds. */
  private String freshGoldenId(SourceKey founder) {
    for (int attempt = 0; ; attempt++) {
      String id = goldenIdOf(founder, attempt);
      GoldenState golden = store.golden(id);
      if (golden == null || golden.sources().isEmpty()) {
        return id;
      }
    }
  }

  /**
   * A golden patient left without sources: tombstoned once published. A published one keeps its
   * last version, sources none, so that the id, should it found a golden patient again, goes on
   * from it: versions restarting at 1 would be taken for the old ones, and their acknowledgements
   * would complete the new ones (reconciliation tracks the highest version only).
   */
  private void retire(GoldenState golden, List<SyncEvent> events) {
    if (golden.version() == 0) {
      store.deleteGolden(golden.goldenId());
      return;
    }
    if (golden.fingerprint() == null) {
      return; // retired already, and nothing published since: its tombstone is out
    }
    store.putGolden(
        new GoldenState(golden.goldenId(), List.of(), golden.version(), null, Set.of(), Set.of()));
    events.add(new SyncEvent.PatientRetired(golden.goldenId()));
  }

  private void index(PatientRecord record) {
    for (String key : blocking.of(record.demographics())) {
      store.addBlocking(key, record.source().text());
    }
  }

  /**
   * Moves a source record's blocking entries from its old version's keys to its new one's, writing
   * only the keys that differ: most updates (a new prescription's copy of the same patient) keep
   * every key.
   */
  private void reindex(PatientRecord before, PatientRecord after) {
    Set<String> old = blocking.of(before.demographics());
    Set<String> now = blocking.of(after.demographics());
    String source = after.source().text();
    for (String key : old) {
      if (!now.contains(key)) {
        store.removeBlocking(key, source);
      }
    }
    for (String key : now) {
      if (!old.contains(key)) {
        store.addBlocking(key, source);
      }
    }
  }

  private void unindex(PatientRecord record) {
    for (String key : blocking.of(record.demographics())) {
      store.removeBlocking(key, record.source().text());
    }
  }

  private void addSource(String goldenId, String source) {
    GoldenState golden = store.golden(goldenId);
    Set<String> sources = new TreeSet<>(golden == null ? List.of() : golden.sources());
    sources.add(source);
    store.putGolden(
        golden == null
            ? new GoldenState(goldenId, List.copyOf(sources), 0, null, Set.of(), Set.of())
            : new GoldenState(
                goldenId,
                List.copyOf(sources),
                golden.version(),
                golden.fingerprint(),
                golden.flags(),
                golden.conflictsReported()));
  }

  private void removeSource(String goldenId, String source) {
    GoldenState golden = store.golden(goldenId);
    if (golden == null) {
      return;
    }
    List<String> sources = new ArrayList<>(golden.sources());
    sources.remove(source);
    store.putGolden(
        new GoldenState(
            goldenId,
            sources,
            golden.version(),
            golden.fingerprint(),
            golden.flags(),
            golden.conflictsReported()));
  }

  private void setFlag(String goldenId, boolean on) {
    GoldenState golden = store.golden(goldenId);
    if (golden == null) {
      return;
    }
    Set<String> flags = new TreeSet<>(golden.flags());
    if (on) {
      flags.add(POSSIBLE_DUPLICATE);
    } else {
      flags.remove(POSSIBLE_DUPLICATE);
    }
    store.putGolden(
        new GoldenState(
            goldenId,
            golden.sources(),
            golden.version(),
            golden.fingerprint(),
            flags,
            golden.conflictsReported()));
  }

  /** Rebuilds each touched golden patient from its sources; publishes what changed. */
  private void rebuild(Set<String> touched, List<SyncEvent> events) {
    for (String goldenId : touched) {
      GoldenState golden = store.golden(goldenId);
      if (golden == null) {
        continue;
      }
      List<PatientRecord> records = new ArrayList<>();
      List<SyncEvent.LinkedSource> linked = new ArrayList<>();
      for (String source : golden.sources()) {
        SourceState state = store.source(source);
        if (state != null && state.record() != null) {
          records.add(state.record());
          linked.add(new SyncEvent.LinkedSource(state.record(), state.linkType()));
        }
      }
      if (records.isEmpty()) {
        retire(golden, events);
        continue;
      }
      Survivorship.Survived survived = survivorship.survive(records);
      Set<String> reported = new TreeSet<>(golden.conflictsReported());
      List<SyncEvent> found = new ArrayList<>();
      for (ConflictDetector.Conflict conflict : conflicts.detect(records)) {
        if (reported.add(conflict.signature())) {
          found.add(new SyncEvent.ConflictFound(goldenId, conflict));
        }
      }
      String fingerprint = GoldenFingerprint.of(survived, linked, golden.flags());
      long version = golden.version();
      if (!fingerprint.equals(golden.fingerprint())) {
        version++;
        events.add(
            new SyncEvent.PatientPublished(goldenId, version, survived, linked, golden.flags()));
      }
      events.addAll(found);
      store.putGolden(
          new GoldenState(
              goldenId, golden.sources(), version, fingerprint, golden.flags(), reported));
    }
  }
}
