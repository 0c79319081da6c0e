package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PaEvents.DAY;
import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.T0;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStats;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.testkit.OnePartitionStores;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.ListItem;
import dev.healthstreams.topology.query.ListQuery;
import dev.healthstreams.topology.query.LocalStores;
import dev.healthstreams.topology.query.PageRequest;
import dev.healthstreams.topology.query.QueryEndpoint;
import dev.healthstreams.topology.query.QueryRequest;
import dev.healthstreams.topology.support.CommittedInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PA processor's stores closed as a task closes and opened again on the same directory, the
 * index store empty as a replica the task moved to finds it (it keeps no changelog): the clocks,
 * the breaches already written and the unconfirmed outputs survive in the views, and the index
 * built again from them brings the punctuator after the restart to what is due, once.
 */
class PriorAuthProcessorRestartTest {
  private static final String SCOPE = "PriorAuthProcessorRestartTest";
  // Just past the deadline of a determination clock started at T0 (7 days): a deadline is passed
  // only after its instant.
  private static final long PAST_DEADLINE = 7 * DAY + 1;

  @TempDir Path stateDir;
  private final AvroSerdes avro = new AvroSerdes(MockSchemaRegistry.forScope(SCOPE));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ProcessorStores stores;
  private MockProcessorContext<String, PriorAuthOutput> context;
  // The group's next offset to read on the status topic, as a test commits it.
  private long committedNext;
  // What at-least-once installs: until a test commits, every change keeps its undo entry.
  private Map<String, ?> appConfigs =
      Map.of(CommittedInput.CONFIG, (CommittedInput) p -> p.offset() < committedNext);

  @BeforeEach
  void start() {
    open();
  }

  @AfterEach
  void close() {
    stores.close();
    meters.close();
  }

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private void open() {
    open(true);
  }

  /**
   * @param indexLost the index store comes back empty, as on a replica the task moved to (it has no
   *     changelog), so every restart here goes through its rebuild from the views; false: as on the
   *     same machine, with what the previous run left in it
   */
  private void open(boolean indexLost) {
    stores =
        ProcessorStores.open(
            stateDir, PriorAuthProcessor.stores(avro.specific(PriorAuthView.class)));
    context = stores.context(appConfigs);
    if (indexLost) {
      KeyValueStore<String, String> index = context.getStateStore(PriorAuthIndexes.STORE);
      indexKeys().forEach(index::delete);
    }
    Processor<String, PriorAuthStatusChanged, String, PriorAuthOutput> processor =
        PriorAuthProcessor.supplier(
                PriorAuthTopology.NAME,
                PriorAuthSettings.defaults(),
                meters,
                avro.specific(PriorAuthView.class))
            .get();
    processor.init(context);
    this.processor = processor;
  }

  private Processor<String, PriorAuthStatusChanged, String, PriorAuthOutput> processor;

  private void restart() {
    stores.close();
    open();
  }

  private void restartOnTheSameMachine() {
    stores.close();
    open(false);
  }

  private void send(PriorAuthStatusChanged event) {
    processor.process(
        new Record<>(
            event.getPayload().getPriorAuthId(), event, event.getMetadata().getTimestamp()));
  }

  /** As the processor reads it from partition 0 of the status topic at {@code offset}. */
  private void sendAt(long offset, PriorAuthStatusChanged event) {
    context.setRecordMetadata("workflow.priorauth.status", 0, offset);
    send(event);
  }

  private List<Record<String, PriorAuthOutput>> outputs() {
    return ProcessorStores.takeForwarded(context);
  }

  private PriorAuthView stored(String id) {
    KeyValueStore<String, PriorAuthView> views =
        context.getStateStore(PriorAuthProcessor.VIEW_STORE);
    return views.get(id);
  }

  /** Fires the wall-clock punctuator as if the wall clock read {@code at} ms after T0. */
  private List<PriorAuthSlaEvent> punctuateAt(long at) {
    ProcessorStores.takeForwarded(context);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli() + at);
    return ProcessorStores.takeForwarded(context).stream()
        .map(Record::value)
        .filter(SlaOut.class::isInstance)
        .map(out -> ((SlaOut) out).event())
        .toList();
  }

  @Test
  void shouldBreachAClockStartedBeforeTheRestart() {
    send(event("pa-1", "e1", "SUBMITTED", 0));
    send(event("pa-2", "e2", "SUBMITTED", DAY));

    restart();

    assertEquals(List.of(), punctuateAt(7 * DAY), "not at the deadline itself");
    List<PriorAuthSlaEvent> breaches = punctuateAt(7 * DAY + HOUR);
    assertEquals(
        List.of("pa-1"), breaches.stream().map(PriorAuthSlaEvent::getPriorAuthId).toList());
  }

  /**
   * The index store keeps no changelog and is made again from the views at start: the same listed
   * and deadline keys, the PA's retention key at its retention time as it stands, and nothing a
   * previous run left in it that no view says.
   */
  @Test
  void shouldBuildTheIndexStoreAgainFromTheViews() {
    appConfigs = Map.of();
    restart();
    send(event("pa-1", "e1", "SUBMITTED", 0));
    send(event("pa-2", "e2", "SUBMITTED", 0));
    send(event("pa-2", "e3", "APPROVED", DAY));
    send(event("pa-3", "e4", "SUBMITTED", -DAY)); // breached below, still running
    assertEquals(1, punctuateAt(6 * DAY + HOUR).size());
    List<String> before = indexKeys();
    KeyValueStore<String, String> index = context.getStateStore(PriorAuthIndexes.STORE);
    index.put(PriorAuthIndexes.key("status", "DENIED", "pa-9"), ""); // no view says so

    restartOnTheSameMachine();

    List<String> after = indexKeys();
    assertEquals(withoutRetention(before), withoutRetention(after));
    // One retention key a PA, a year after its last change (the default retention; T0 is
    // 2024-01-01).
    assertEquals(
        List.of(
            DueIndex.key(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(), 'R', "pa-1"),
            DueIndex.key(Instant.parse("2025-01-02T00:00:00Z").toEpochMilli(), 'R', "pa-2"),
            DueIndex.key(Instant.parse("2024-12-31T00:00:00Z").toEpochMilli(), 'R', "pa-3")),
        after.stream()
            .filter(key -> key.startsWith("due") && DueIndex.isRetention(key))
            .sorted(this::byId)
            .toList());
    assertTrue(
        after.contains(PriorAuthIndexes.key("status", "APPROVED", "pa-2")), after.toString());
    assertTrue(after.contains(PriorAuthIndexes.key("sla", "breached", "pa-3")), after.toString());
    assertEquals(
        List.of("pa-1"),
        punctuateAt(7 * DAY + HOUR).stream().map(PriorAuthSlaEvent::getPriorAuthId).toList(),
        "pa-1's deadline key was built again; pa-3's breach is not written twice");
  }

  private int byId(String a, String b) {
    return DueIndex.priorAuthIdOf(a).compareTo(DueIndex.priorAuthIdOf(b));
  }

  private List<String> indexKeys() {
    KeyValueStore<String, String> index = context.getStateStore(PriorAuthIndexes.STORE);
    List<String> keys = new ArrayList<>();
    try (var entries = index.all()) {
      entries.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  private static List<String> withoutRetention(List<String> keys) {
    return keys.stream()
        .filter(key -> !key.startsWith("due") || !DueIndex.isRetention(key))
        .sorted()
        .toList();
  }

  /** Exactly-once (no committed input): the breach written before the restart is not repeated. */
  @Test
  void shouldNotBreachTwiceAndResolveAfterTheRestart() {
    appConfigs = Map.of();
    restart();
    send(event("pa-1", "e1", "SUBMITTED", 0));
    assertEquals(1, punctuateAt(PAST_DEADLINE).size());

    restart();

    assertEquals(List.of(), punctuateAt(8 * DAY));
    send(event("pa-1", "e2", "APPROVED", 8 * DAY));
    List<PriorAuthSlaEvent> resolved =
        ProcessorStores.takeForwarded(context).stream()
            .map(Record::value)
            .filter(SlaOut.class::isInstance)
            .map(out -> ((SlaOut) out).event())
            .toList();
    assertEquals(1, resolved.size());
    assertEquals(DAY, resolved.get(0).getOverdueByMs());
  }

  /**
   * At-least-once after a crash: the view was restored with the changes of the events at offsets 11
   * and 12 (their changelog writes got through), their outputs may not have been, and the input is
   * read again from 11. Each event meets the view it first met and sends its outputs again, where
   * it used to be taken for a duplicate of itself.
   */
  @Test
  void shouldSendTheOutputsOfEventsReadAgainAfterACrash() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    outputs();
    sendAt(11, event("pa-1", "e2", "INITIATED", HOUR)); // illegal after SUBMITTED: an anomaly
    sendAt(12, event("pa-1", "e3", "APPROVED", 2 * HOUR));
    List<String> firstTime = described(outputs());
    PriorAuthView viewBeforeTheCrash = withoutUndo(stored("pa-1"));
    Map<String, String> approved = Map.of("payer-a|standard", "1 {APPROVED=1} 120");
    assertEquals(approved, publishedParts());

    restart();
    sendAt(11, event("pa-1", "e2", "INITIATED", HOUR));
    sendAt(12, event("pa-1", "e3", "APPROVED", 2 * HOUR));

    List<String> readAgain = described(outputs());
    assertTrue(readAgain.contains("pa-1 AnomalyOut"), readAgain.toString());
    assertEquals(firstTime, readAgain);
    assertEquals(viewBeforeTheCrash, withoutUndo(stored("pa-1")));
    assertEquals(approved, publishedParts(), "the PA counted once, as the views hold it");
    assertEquals(List.of(), punctuateAt(8 * DAY), "APPROVED stopped the clock once more");
  }

  /**
   * Read again from an offset whose event changed nothing the first time (a duplicate): the view is
   * put back as it was before the later event, which is read again next, and so are the figures.
   */
  @Test
  void shouldPutTheFiguresBackWithTheViewWhenADuplicateIsReadAgain() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    sendAt(11, event("pa-1", "e1", "SUBMITTED", 0)); // a duplicate: nothing changes
    sendAt(12, event("pa-1", "e2", "APPROVED", 2 * HOUR));
    Map<String, String> approved = Map.of("payer-a|standard", "1 {APPROVED=1} 120");
    assertEquals(approved, publishedParts());
    restart();
    assertEquals(approved, publishedParts(), "built again from the restored view");

    sendAt(11, event("pa-1", "e1", "SUBMITTED", 0));
    assertEquals("SUBMITTED", stored("pa-1").getStatus(), "put back as before offset 12");
    assertEquals(Map.of("payer-a|standard", "1 {SUBMITTED=1} null"), publishedParts());
    sendAt(12, event("pa-1", "e2", "APPROVED", 2 * HOUR));

    assertEquals(approved, publishedParts());
  }

  /** The event that created the view, read again: the view is made again from nothing. */
  @Test
  void shouldMakeTheViewAgainWhenTheEventThatCreatedItIsReadAgain() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    List<String> firstTime = described(outputs());

    restart();
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));

    assertEquals(firstTime, described(outputs()));
    assertEquals(
        1, punctuateAt(PAST_DEADLINE).size(), "the clock's due entry is still there, once");
  }

  /** A new event and a re-delivery at a later offset are what they were: no rollback. */
  @Test
  void shouldStillTakeARedeliveryAtALaterOffsetForADuplicate() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    outputs();

    sendAt(11, event("pa-1", "e1", "SUBMITTED", 0));

    assertEquals(List.of(), outputs());
  }

  /** A view queried while it keeps undo entries answers as the views topic carries it. */
  @Test
  void shouldAnswerAQueryWithTheViewAsTheTopicCarriesIt() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    sendAt(11, event("pa-1", "e3", "APPROVED", HOUR));
    List<Record<String, PriorAuthOutput>> sent = outputs();
    PriorAuthView onTheTopic =
        sent.stream()
            .map(Record::value)
            .filter(PriorAuthOutput.ViewOut.class::isInstance)
            .map(out -> ((PriorAuthOutput.ViewOut) out).view())
            .reduce((first, second) -> second)
            .orElseThrow();

    assertEquals(2, stored("pa-1").getUndo().size());
    assertEquals(List.of(), onTheTopic.getUndo());
    assertEquals(AvroJson.toJson(onTheTopic), PriorAuthQueries.answer(stored("pa-1")));
  }

  /** Exactly-once installs no committed input: the stored view keeps no undo log. */
  @Test
  void shouldKeepNoUndoLogWithoutACommittedInput() {
    appConfigs = Map.of();
    restart();

    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    sendAt(11, event("pa-1", "e3", "APPROVED", HOUR));

    assertEquals(List.of(), stored("pa-1").getUndo());
  }

  /**
   * At-least-once, a crash after the breach's view reached the changelog, before any commit: its
   * outputs may be lost, and no record read again brings them back. The restored replica sends them
   * again, as they were, once.
   */
  @Test
  void shouldSendABreachAgainAfterACrashBeforeACommitConfirmedIt() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    outputs();
    List<String> firstTime = described(punctuationAt(PAST_DEADLINE));
    List<PriorAuthSlaEvent> breached = slaEvents();
    assertEquals(
        List.of("ViewOut", "SlaOut"),
        firstTime.stream().map(o -> o.split(" ")[1]).toList(),
        "the view and the breach (a breach moves no statistics)");
    assertEquals(List.of(), punctuateAt(7 * DAY + HOUR), "sent here, awaiting a commit");

    restart();

    assertEquals(firstTime, described(punctuationAt(7 * DAY + 2 * HOUR)));
    assertEquals(breached, slaEvents());
    assertEquals(List.of(), punctuateAt(7 * DAY + 3 * HOUR), "sent again once");
  }

  /**
   * A commit after a record read after the breach: the breach was flushed, it is not sent again.
   */
  @Test
  void shouldDropABreachOnceACommitConfirmedIt() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    assertEquals(1, punctuateAt(PAST_DEADLINE).size());
    assertEquals(1, stored("pa-1").getUnconfirmedBreaches().size());
    sendAt(11, event("pa-2", "e2", "SUBMITTED", 7 * DAY));

    committedNext = 12;
    assertEquals(List.of(), punctuateAt(7 * DAY + HOUR));
    assertEquals(List.of(), stored("pa-1").getUnconfirmedBreaches());

    restart();
    assertEquals(List.of(), punctuateAt(7 * DAY + 2 * HOUR), "confirmed: not sent again");
  }

  /**
   * An event after the breach, read again after a crash: rolled back to the view it first met, it
   * keeps the breach unconfirmed, and the breach is sent again.
   */
  @Test
  void shouldKeepAnUnconfirmedBreachThroughAnEventReadAgain() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    List<PriorAuthSlaEvent> breached = punctuateAt(PAST_DEADLINE);
    sendAt(11, event("pa-1", "e2", "APPROVED", 8 * DAY));
    List<String> resolvedFirstTime = described(outputs());

    restart();
    sendAt(11, event("pa-1", "e2", "APPROVED", 8 * DAY));

    assertEquals(resolvedFirstTime, described(outputs()));
    assertEquals(1, stored("pa-1").getUnconfirmedBreaches().size());
    assertEquals(breached, punctuateAt(8 * DAY));
  }

  /** Exactly-once writes a breach with the view in one transaction: nothing is kept for it. */
  @Test
  void shouldKeepNoUnconfirmedBreachWithoutACommittedInput() {
    appConfigs = Map.of();
    restart();

    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    assertEquals(1, punctuateAt(PAST_DEADLINE).size());

    assertEquals(List.of(), stored("pa-1").getUnconfirmedBreaches());
  }

  /** A view keeping an unconfirmed breach answers as the views topic carries it. */
  @Test
  void shouldAnswerWithoutTheUnconfirmedOutputs() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    PriorAuthView onTheTopic =
        punctuationAt(PAST_DEADLINE).stream()
            .map(Record::value)
            .filter(PriorAuthOutput.ViewOut.class::isInstance)
            .map(out -> ((PriorAuthOutput.ViewOut) out).view())
            .reduce((first, second) -> second)
            .orElseThrow();

    assertEquals(1, stored("pa-1").getUnconfirmedBreaches().size());
    assertEquals(List.of(), onTheTopic.getUnconfirmedBreaches());
    assertEquals(AvroJson.toJson(onTheTopic), PriorAuthQueries.answer(stored("pa-1")));
  }

  // Past the default retention (a year after the last change) of a PA decided within T0's day.
  private static final long RETAINED_UNTIL = 400 * DAY;

  /** A decided PA, its clocks stopped: retention is the only thing its due keys bring. */
  private void decidedPa(long firstOffset) {
    sendAt(firstOffset, event("pa-1", "e1", "SUBMITTED", 0));
    sendAt(firstOffset + 1, event("pa-1", "e2", "APPROVED", HOUR));
    outputs();
  }

  /**
   * At-least-once, a crash after the expired view reached the changelog, before any commit: the
   * tombstone may be lost, and no record read again brings it back. The PA is gone to every query
   * meanwhile; the restored replica sends it again, once.
   */
  @Test
  void shouldSendAnExpiryAgainAfterACrashBeforeACommitConfirmedIt() {
    decidedPa(10);
    List<Record<String, PriorAuthOutput>> firstTime = punctuationAt(RETAINED_UNTIL);
    assertEquals(List.of("pa-1 ViewOut"), described(firstTime));
    assertEquals(null, ((PriorAuthOutput.ViewOut) firstTime.get(0).value()).view(), "a tombstone");
    assertEquals(List.of(), punctuationAt(RETAINED_UNTIL + HOUR), "sent here, awaiting a commit");
    assertEquals(List.of(), queriedIds(), "gone to the queries at once");

    restart();

    List<Record<String, PriorAuthOutput>> again = punctuationAt(RETAINED_UNTIL + 2 * HOUR);
    assertEquals(described(firstTime), described(again));
    assertEquals(firstTime.get(0).timestamp(), again.get(0).timestamp(), "at the expiry's time");
    assertEquals(List.of(), punctuationAt(RETAINED_UNTIL + 3 * HOUR), "sent again once");
    assertEquals(List.of(), queriedIds());
  }

  /** A commit after a record read after the expiry: the view goes, nothing is sent again. */
  @Test
  void shouldDeleteAnExpiredViewOnceACommitConfirmedIt() {
    decidedPa(10);
    assertEquals(1, punctuationAt(RETAINED_UNTIL).size());
    assertTrue(stored("pa-1") != null, "kept until confirmed");
    sendAt(12, event("pa-2", "e1", "SUBMITTED", RETAINED_UNTIL));
    outputs();

    committedNext = 13;
    punctuationAt(RETAINED_UNTIL + HOUR);
    assertEquals(null, stored("pa-1"));

    restart();
    assertEquals(List.of(), described(punctuationAt(RETAINED_UNTIL + 2 * HOUR)));
    assertEquals(List.of("pa-2"), queriedIds());
  }

  /**
   * An event for a PA retention deleted starts a new one, as after the delete; after a crash it is
   * read again over the expired view, whose outputs go again before the new PA's.
   */
  @Test
  void shouldStartANewPaOverAnExpiredViewAndSendTheExpiryAgainWhenReadAgain() {
    decidedPa(10);
    List<String> expiry = described(punctuationAt(RETAINED_UNTIL));
    sendAt(12, event("pa-1", "e3", "SUBMITTED", RETAINED_UNTIL));
    List<String> created = described(outputs());
    assertEquals(List.of("pa-1 ViewOut SUBMITTED"), created);
    assertEquals(List.of("pa-1"), queriedIds());

    restart();
    sendAt(12, event("pa-1", "e3", "SUBMITTED", RETAINED_UNTIL));

    List<String> readAgain = described(outputs());
    assertEquals(concat(expiry, created), readAgain);
    assertEquals("SUBMITTED", stored("pa-1").getStatus());
    assertEquals(null, stored("pa-1").getExpiredAt());
    assertEquals(List.of(), punctuationAt(RETAINED_UNTIL + HOUR), "nothing more to send");
  }

  /**
   * Exactly-once writes the delete with the tombstone in one transaction: the view goes at once.
   */
  @Test
  void shouldDeleteAnExpiredViewAtOnceWithoutACommittedInput() {
    appConfigs = Map.of();
    restart();
    decidedPa(10);

    assertEquals(1, punctuationAt(RETAINED_UNTIL).size());

    assertEquals(null, stored("pa-1"));
  }

  /**
   * The statistics derive from the views like the index: a restarted task publishes each part
   * again, whole, as its views add up, and then only what changes.
   */
  @Test
  void shouldPublishThePartsTheViewsAddUpToAgainAfterARestart() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    sendAt(11, event("pa-2", "f1", "SUBMITTED", 0));
    sendAt(12, event("pa-2", "f2", "APPROVED", 90 * 60_000L));
    Map<String, String> parts = Map.of("payer-a|standard", "2 {APPROVED=1, SUBMITTED=1} 90");
    assertEquals(parts, publishedParts());
    assertEquals(Map.of(), publishedParts(), "nothing changed since");

    restart();

    assertEquals(parts, publishedParts());
    assertEquals(Map.of(), publishedParts());
  }

  /**
   * The last PA of a payer expires and the task fails before its empty part went out: the restarted
   * task, whose views no longer add up to that part, publishes it empty from the keys it had
   * published, so the payer's figures do not keep the PA.
   */
  @ParameterizedTest(name = "at least once: {0}")
  @ValueSource(booleans = {true, false})
  void shouldPublishAnEmptyPartAfterARestartForAPayerWhosePasWentBeforeItWasSent(
      boolean atLeastOnce) {
    if (!atLeastOnce) {
      appConfigs = Map.of();
      restart();
    }
    decidedPa(10);
    assertEquals(Map.of("payer-a|standard", "1 {APPROVED=1} 60"), publishedParts());
    punctuationAt(RETAINED_UNTIL);

    restart();

    assertEquals(Map.of("payer-a|standard", "0 {} null"), publishedParts());
    assertEquals(Map.of(), publishedParts());
  }

  /**
   * Fires the statistics' punctuator: the parts it publishes, as key and "PAs, counts by status,
   * median minutes".
   */
  private Map<String, String> publishedParts() {
    ProcessorStores.takeForwarded(context);
    context.scheduledPunctuators().get(1).getPunctuator().punctuate(T0.toEpochMilli());
    Map<String, String> parts = new java.util.LinkedHashMap<>();
    for (Record<String, PriorAuthOutput> record : ProcessorStores.takeForwarded(context)) {
      PriorAuthStats figures = ((StatsOut) record.value()).part().getStats();
      assertEquals(0, ((StatsOut) record.value()).part().getPartition());
      parts.put(
          record.key(),
          figures.getPriorAuths()
              + " "
              + figures.getCountsByStatus()
              + " "
              + figures.getDecisionMinutes().getMedian());
    }
    return parts;
  }

  /** The ids the list query and the key lookup answer from this processor's stores. */
  private List<String> queriedIds() {
    LocalStores local =
        new OnePartitionStores(name -> (KeyValueStore<?, ?>) context.getStateStore(name));
    List<QueryEndpoint> endpoints = new PriorAuthTopology().queries(PriorAuthSettings.defaults());
    List<String> listed =
        endpoints.stream()
            .filter(q -> q.path().equals(PriorAuthQueries.LIST))
            .map(q -> ((ListQuery) q).lister())
            .findFirst()
            .orElseThrow()
            .list(
                local, new QueryRequest(Map.of(), Map.of()), new PageRequest(Optional.empty(), 10))
            .stream()
            .map(ListItem::key)
            .toList();
    @SuppressWarnings("unchecked")
    KeyLookup<String, PriorAuthView> byId =
        (KeyLookup<String, PriorAuthView>)
            endpoints.stream()
                .filter(q -> q.path().equals(PriorAuthQueries.BY_ID))
                .findFirst()
                .orElseThrow();
    for (String id : List.of("pa-1", "pa-2")) {
      boolean found =
          byId.answer()
              .answer(new QueryRequest(Map.of("id", id), Map.of()), stored(id))
              .isPresent();
      assertEquals(listed.contains(id), found, id + ": the key lookup agrees with the list");
    }
    return listed;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new java.util.ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  private List<Record<String, PriorAuthOutput>> lastPunctuation = List.of();

  /** Every output of the punctuator fired at {@code at} ms after T0. */
  private List<Record<String, PriorAuthOutput>> punctuationAt(long at) {
    ProcessorStores.takeForwarded(context);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli() + at);
    lastPunctuation = ProcessorStores.takeForwarded(context);
    return lastPunctuation;
  }

  /** The SLA events of the last {@link #punctuationAt}. */
  private List<PriorAuthSlaEvent> slaEvents() {
    return lastPunctuation.stream()
        .map(Record::value)
        .filter(SlaOut.class::isInstance)
        .map(out -> ((SlaOut) out).event())
        .toList();
  }

  /** Each output as its key and kind, and a view's status. */
  private static List<String> described(List<Record<String, PriorAuthOutput>> outputs) {
    return outputs.stream()
        .map(
            r ->
                r.key()
                    + " "
                    + r.value().getClass().getSimpleName()
                    + (r.value() instanceof PriorAuthOutput.ViewOut view && view.view() != null
                        ? " " + view.view().getStatus()
                        : ""))
        .toList();
  }

  private static PriorAuthView withoutUndo(PriorAuthView view) {
    return PriorAuthView.newBuilder(view).setUndo(List.of()).build();
  }
}
