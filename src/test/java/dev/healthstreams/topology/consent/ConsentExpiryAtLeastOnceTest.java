package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.support.CommittedInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry punctuator under at-least-once: what it sends stays in its due entry until a commit of
 * a record read after the send confirms it, and a replica that finds it there without having sent
 * it (a crash, the stores reopened as a restarted task reopens them) sends it again. Without that,
 * a crash that lands the table's and the index's changelog writes but not the outputs loses the
 * expired event for good: no record read again makes it.
 */
class ConsentExpiryAtLeastOnceTest {
  private static final long T0 = ConsentFixtures.T0;
  private static final long HOUR = 3_600_000L;
  private static final long END = T0 + 10 * HOUR;
  private static final String TOPIC = "consent-table-consent-events-by-patient-repartition";

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ProcessorStores stores;
  private MockProcessorContext<String, Emitted> context;
  private ConsentTableProcessor table;
  // The group's next offset to read on the input, as a test commits it.
  private long committedNext;
  private final Map<String, ?> atLeastOnce =
      Map.of(CommittedInput.CONFIG, (CommittedInput) p -> p.offset() < committedNext);

  @BeforeEach
  void start() {
    stores =
        ProcessorStores.open(
            stateDir, ConsentTableProcessor.tableStore(), ConsentTableProcessor.dueStore());
    context = stores.context(atLeastOnce);
    // The wall clock before every consent's end: expiries come from the checks each test runs.
    context.setCurrentSystemTimeMs(T0);
    table =
        new ConsentTableProcessor(
            ConsentTableTopology.NAME, Duration.ofSeconds(30), new ConsentMetrics(meters));
    table.init(context);
  }

  @AfterEach
  void close() {
    stores.close();
    meters.close();
  }

  /** A crash: nothing more is sent, the stores come back as their changelogs had them. */
  private void restart() {
    stores.close();
    start();
  }

  /** What processing {@code event}, read at {@code offset}, sent. */
  private List<Emitted> readAt(long offset, PatientConsentEvent event) {
    context.setRecordMetadata(TOPIC, 0, offset);
    long time = event.getMetadata().getTimestamp();
    table.process(
        new Record<>(event.getPayload().getPatientId(), ConsentEventMapper.map(event, time), time));
    return ProcessorStores.takeForwarded(context).stream().map(Record::value).toList();
  }

  private List<Emitted> expire(long now) {
    table.expireDue(now);
    return ProcessorStores.takeForwarded(context).stream().map(Record::value).toList();
  }

  private static List<Emitted.Target> targets(List<Emitted> emitted) {
    return emitted.stream().map(Emitted::target).toList();
  }

  private static PatientConsentEvent expired(List<Emitted> emitted) {
    return emitted.stream()
        .filter(e -> e.target() == Emitted.Target.EXPIRED)
        .map(e -> (PatientConsentEvent) e.value())
        .findFirst()
        .orElseThrow();
  }

  private KeyValueStore<String, String> dueIndex() {
    return context.getStateStore(ConsentTableProcessor.DUE_STORE);
  }

  private String dueKey() {
    return ConsentExpiries.key(END, "p1", "c1");
  }

  private double expiries(String outcome) {
    return meters.get("healthstreams.consent.expiries").tag("outcome", outcome).counter().count();
  }

  private PatientConsentEvent grantUntilEnd() {
    return ConsentEvents.grant("c1", "p1", "o1", "TREAT", T0, END);
  }

  @Test
  void shouldSendAnExpiryAgainAfterACrashBeforeACommitConfirmedIt() {
    readAt(0, grantUntilEnd());
    List<Emitted> first = expire(END);
    assertEquals(List.of(Emitted.Target.VIEW, Emitted.Target.EXPIRED), targets(first));
    PatientConsentEvent sent = expired(first);
    assertEquals("expired", sent.getPayload().getAction());
    assertEquals("c1", sent.getPayload().getConsentId());
    assertEquals(END, sent.getPayload().getEffectiveUntil());

    restart();
    List<Emitted> again = expire(END + 1);

    assertEquals(List.of(Emitted.Target.VIEW, Emitted.Target.EXPIRED), targets(again));
    assertEquals(sent, expired(again));
    // The view sent again is the table's, which holds the expiry: the same view as the first.
    assertEquals(new String(viewBytes(first)), new String(viewBytes(again)));
    assertEquals(1.0, expiries("expired"));
    assertEquals(1.0, expiries("resent"));
  }

  private static byte[] viewBytes(List<Emitted> emitted) {
    return (byte[])
        emitted.stream()
            .filter(e -> e.target() == Emitted.Target.VIEW)
            .findFirst()
            .orElseThrow()
            .value();
  }

  @Test
  void shouldKeepAnExpirySentAsItsGrantIsReadAndSendItAgainAfterACrash() {
    context.setCurrentSystemTimeMs(END + 1);
    List<Emitted> first = readAt(0, grantUntilEnd());
    assertEquals(
        List.of(Emitted.Target.VIEW, Emitted.Target.VIEW, Emitted.Target.EXPIRED), targets(first));
    PatientConsentEvent sent = expired(first);
    assertEquals(END, sent.getPayload().getEffectiveUntil());
    assertEquals(List.of(), expire(END + 2));
    assertFalse(dueIndex().get(dueKey()).isEmpty(), "the entry keeps the event it sent");

    restart();
    context.setCurrentSystemTimeMs(END + 3);
    // The grant's commit never came: read again, it finds its expiry sent by no one here.
    List<Emitted> again = readAt(0, grantUntilEnd());

    assertEquals(sent, expired(again));
    assertEquals(1.0, expiries("expired"));
    assertEquals(1.0, expiries("resent"));
  }

  @Test
  void shouldDropAnExpirySentAsItsGrantIsReadOnceACommitConfirmedIt() {
    context.setCurrentSystemTimeMs(END + 1);
    readAt(0, grantUntilEnd());
    readAt(1, ConsentEvents.grant("c2", "p2", "o1", "TREAT", T0, null));
    committedNext = 2;

    assertEquals(List.of(), expire(END + 2));
    assertNull(dueIndex().get(dueKey()));
  }

  @Test
  void shouldKeepTheEntryWithoutSendingAgainUntilACommitConfirmsIt() {
    readAt(0, grantUntilEnd());
    expire(END);
    // Offset 0 was read before the send: its commit confirms nothing sent after it.
    committedNext = 1;

    assertEquals(List.of(), expire(END + 1));
    assertFalse(dueIndex().get(dueKey()).isEmpty(), "the entry keeps the event it sent");
  }

  @Test
  void shouldDropTheEntryOnceACommitConfirmedIt() {
    readAt(0, grantUntilEnd());
    expire(END);
    readAt(1, ConsentEvents.grant("c2", "p2", "o1", "TREAT", T0, null));
    committedNext = 2;

    assertEquals(List.of(), expire(END + 1));
    assertNull(dueIndex().get(dueKey()));
    restart();
    assertEquals(List.of(), expire(END + 2));
  }

  @Test
  void shouldSendAgainAnExpiryWhoseDueEntryLostItsChangelogWrite() {
    readAt(0, grantUntilEnd());
    PatientConsentEvent sent = expired(expire(END));
    // The table's write of the expiry landed, the due index's did not: the entry is as before.
    dueIndex().put(dueKey(), "");
    restart();

    List<Emitted> again = expire(END + 1);

    assertEquals(List.of(Emitted.Target.VIEW, Emitted.Target.EXPIRED), targets(again));
    assertEquals(sent, expired(again));
    assertEquals(1.0, expiries("resent"));
  }

  @Test
  void shouldKeepTheSentEntryThroughTheGrantReadAgain() {
    readAt(0, grantUntilEnd());
    PatientConsentEvent sent = expired(expire(END));
    restart();
    // The grant's commit never came: it is read again over the table and index that hold its
    // expiry. Applied again, it sends the patient's view again (nothing of the process path lost).
    assertEquals(List.of(Emitted.Target.VIEW), targets(readAt(0, grantUntilEnd())));

    assertFalse(dueIndex().get(dueKey()).isEmpty(), "the entry keeps the event it sent");
    assertEquals(sent, expired(expire(END + 1)));
  }

  @Test
  void shouldSendTheKeptEventAgainWhenTheTableMovedOn() {
    readAt(0, grantUntilEnd());
    PatientConsentEvent sent = expired(expire(END));
    restart();
    readAt(1, ConsentEvents.revoke("c1", "p1"));

    List<Emitted> again = expire(END + 1);

    assertEquals(List.of(Emitted.Target.VIEW, Emitted.Target.EXPIRED), targets(again));
    assertEquals(sent, expired(again));
  }

  @Test
  void shouldNotExpireAConsentRevokedBeforeItsEnd() {
    readAt(0, grantUntilEnd());
    readAt(1, ConsentEvents.revoke("c1", "p1"));

    assertEquals(List.of(), expire(END));
    assertNull(dueIndex().get(dueKey()));
    assertTrue(meters.find("healthstreams.consent.expiries").counters().isEmpty());
  }
}
