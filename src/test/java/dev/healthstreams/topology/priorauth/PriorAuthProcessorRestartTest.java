package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PaEvents.DAY;
import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.T0;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroJson;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.support.CommittedInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PA processor's stores closed as a task closes and opened again on the same directory: the
 * clocks, their deadlines in the due index and the breaches already written survive, so the
 * punctuator after the restart breaches what is due, once.
 */
class PriorAuthProcessorRestartTest {
  private static final String SCOPE = "PriorAuthProcessorRestartTest";

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
    stores =
        ProcessorStores.open(
            stateDir, PriorAuthProcessor.stores(avro.specific(PriorAuthView.class)));
    context = stores.context(appConfigs);
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

    assertEquals(List.of(), punctuateAt(7 * DAY - 1));
    List<PriorAuthSlaEvent> breaches = punctuateAt(7 * DAY + HOUR);
    assertEquals(
        List.of("pa-1"), breaches.stream().map(PriorAuthSlaEvent::getPriorAuthId).toList());
  }

  /** Exactly-once (no committed input): the breach written before the restart is not repeated. */
  @Test
  void shouldNotBreachTwiceAndResolveAfterTheRestart() {
    appConfigs = Map.of();
    restart();
    send(event("pa-1", "e1", "SUBMITTED", 0));
    assertEquals(1, punctuateAt(7 * DAY).size());

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

    restart();
    sendAt(11, event("pa-1", "e2", "INITIATED", HOUR));
    sendAt(12, event("pa-1", "e3", "APPROVED", 2 * HOUR));

    List<String> readAgain = described(outputs());
    assertTrue(readAgain.contains("pa-1 AnomalyOut"), readAgain.toString());
    assertEquals(firstTime, readAgain);
    assertEquals(viewBeforeTheCrash, withoutUndo(stored("pa-1")));
    assertEquals(List.of(), punctuateAt(8 * DAY), "APPROVED stopped the clock once more");
  }

  /** The event that created the view, read again: the view is made again from nothing. */
  @Test
  void shouldMakeTheViewAgainWhenTheEventThatCreatedItIsReadAgain() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    List<String> firstTime = described(outputs());

    restart();
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));

    assertEquals(firstTime, described(outputs()));
    assertEquals(1, punctuateAt(7 * DAY).size(), "the clock's due entry is still there, once");
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
    List<String> firstTime = described(punctuationAt(7 * DAY));
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
    assertEquals(1, punctuateAt(7 * DAY).size());
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
    List<PriorAuthSlaEvent> breached = punctuateAt(7 * DAY);
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
    assertEquals(1, punctuateAt(7 * DAY).size());

    assertEquals(List.of(), stored("pa-1").getUnconfirmedBreaches());
  }

  /** A view keeping an unconfirmed breach answers as the views topic carries it. */
  @Test
  void shouldAnswerWithoutTheUnconfirmedBreaches() {
    sendAt(10, event("pa-1", "e1", "SUBMITTED", 0));
    PriorAuthView onTheTopic =
        punctuationAt(7 * DAY).stream()
            .map(Record::value)
            .filter(PriorAuthOutput.ViewOut.class::isInstance)
            .map(out -> ((PriorAuthOutput.ViewOut) out).view())
            .reduce((first, second) -> second)
            .orElseThrow();

    assertEquals(1, stored("pa-1").getUnconfirmedBreaches().size());
    assertEquals(List.of(), onTheTopic.getUnconfirmedBreaches());
    assertEquals(AvroJson.toJson(onTheTopic), PriorAuthQueries.answer(stored("pa-1")));
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
