package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.AccessDecision;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.testkit.ProcessorStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent table across a restart: its RocksDB stores (the table and the due index) closed as a
 * task closes and opened again on the same directory. Grants, revokes of unknown consents and due
 * expiries survive; the decisions made after the restart see them.
 */
class ConsentTableRestartTest {
  private static final long T0 = ConsentFixtures.T0;
  private static final long HOUR = 3_600_000L;

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ConsentMetrics metrics = new ConsentMetrics(meters);
  private ProcessorStores stores;
  private MockProcessorContext<String, Emitted> tableContext;
  private ConsentTableProcessor table;
  private MockProcessorContext<String, Emitted> decisionContext;
  private AccessDecisionProcessor decisions;

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
    meters.close();
  }

  private void start() {
    stores =
        ProcessorStores.open(
            stateDir, ConsentTableProcessor.tableStore(), ConsentTableProcessor.dueStore());
    tableContext = stores.context();
    // The wall clock before every consent's end: the test runs the expiry check itself.
    tableContext.setCurrentSystemTimeMs(T0);
    table = new ConsentTableProcessor(ConsentTableTopology.NAME, Duration.ofSeconds(30), metrics);
    table.init(tableContext);
    decisionContext = stores.context();
    decisions =
        new AccessDecisionProcessor(
            ConsentTableTopology.NAME,
            new ConsentDecider(ImplicitPolicy.DENY_ALL, List.of("BTG")),
            new ConsentAuditEvents(ConsentTableTopology.NAME),
            metrics);
    decisions.init(decisionContext);
  }

  private void restart() {
    stores.close();
    start();
  }

  private void event(PatientConsentEvent event, long time) {
    table.process(
        new Record<>(event.getPayload().getPatientId(), ConsentEventMapper.map(event, time), time));
  }

  private String decide(String id, String patient, String org, long at) {
    decisions.process(
        new Record<>(
            patient,
            ReceivedRequest.unread(
                ConsentEvents.request(id, patient, org, "TREAT", at)
                    .getBytes(StandardCharsets.UTF_8)),
            at));
    return ProcessorStores.takeForwarded(decisionContext).stream()
        .map(Record::value)
        .filter(e -> e.target() == Emitted.Target.DECISION)
        .map(e -> ((AccessDecision) e.value()).getReason())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void grantsRevokesAndDueExpiriesSurviveARestart() {
    start();
    event(ConsentEvents.grant("c1", "p1", "o1", "TREAT", T0, T0 + 10 * HOUR), T0);
    event(ConsentEvents.revoke("c2", "p2"), T0);
    restart();

    assertEquals("CONSENT_PERMIT", decide("r1", "p1", "o1", T0 + HOUR));
    // The revoke of a consent never seen was kept: its grant stays revoked.
    event(ConsentEvents.grant("c2", "p2", "o1", "TREAT", T0, null), T0 + HOUR);
    assertEquals("NO_CONSENT_DEFAULT_DENY", decide("r2", "p2", "o1", T0 + 2 * HOUR));

    // The due index survived too: the expiry fires once, after the restart.
    ProcessorStores.takeForwarded(tableContext);
    table.expireDue(T0 + 10 * HOUR);
    List<Emitted.Target> emitted =
        ProcessorStores.takeForwarded(tableContext).stream().map(r -> r.value().target()).toList();
    assertEquals(List.of(Emitted.Target.VIEW, Emitted.Target.EXPIRED), emitted);
    restart();
    table.expireDue(T0 + 20 * HOUR);
    assertEquals(List.of(), ProcessorStores.takeForwarded(tableContext));
    assertEquals("NO_CONSENT_DEFAULT_DENY", decide("r3", "p1", "o1", T0 + 11 * HOUR));
  }
}
