package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PaEvents.DAY;
import static dev.healthstreams.topology.priorauth.PaEvents.HOUR;
import static dev.healthstreams.topology.priorauth.PaEvents.T0;
import static dev.healthstreams.topology.priorauth.PaEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
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
    context = stores.context();
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

  @Test
  void shouldNotBreachTwiceAndResolveAfterTheRestart() {
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
}
