package dev.healthstreams.topology.interaction;

import static dev.healthstreams.topology.interaction.MedicationFixtures.ACETAMINOPHEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.RXNORM;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SERTRALINE;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.display;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.ActiveMedicationList;
import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationDrug;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.MedicationOrder;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.support.CommittedInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors that keep medication-interaction's per-request and per-patient state (the router,
 * patient assignment, interaction check) across a restart: their persistent stores are closed as a
 * task closes and opened again on the same directory. Records go from one processor to the next as
 * the topology sends them; the Medication join in between is the DSL's, so a request that
 * references a Medication arrives at patient assignment already resolved. The whole app, joins and
 * patient table included, restarts on the broker in {@code InteractionRestartIT}.
 */
class InteractionProcessorsRestartTest {
  private static final String SCOPE = "InteractionProcessorsRestartTest";
  private static final String PAIR = "rq-1+rq-2:warfarin-nsaid";
  private static final long TIME = 1_714_637_100_000L;

  @TempDir Path stateDir;
  @TempDir Path otherStateDir;
  // Two registries: with logging off every store's serde registers under one subject.
  private final AvroSerdes avro = new AvroSerdes(MockSchemaRegistry.forScope(SCOPE));
  private final AvroSerdes knowledgeAvro =
      new AvroSerdes(MockSchemaRegistry.forScope(SCOPE + "-knowledge"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ProcessorStores stores;
  private MockProcessorContext<String, RoutedOrder> routed;
  private MockProcessorContext<String, MedicationOrder> assigned;
  private MockProcessorContext<String, MedicationInteractionAlert> checked;
  private RequestRouter router;
  private PatientAssignmentProcessor assignment;
  private InteractionCheckProcessor check;
  private final List<RoutedOrder> routes = new ArrayList<>();
  // What at-least-once installs: records of partition 0 before this offset are committed.
  private long committedBefore = 0;
  private final CommittedInput committedInput = position -> position.offset() < committedBefore;
  private Map<String, ?> appConfigs = Map.of(CommittedInput.CONFIG, committedInput);

  @BeforeEach
  void startWithAFiredPair() {
    start(stateDir);
    send(order("rq-0", "p1", "active", ACETAMINOPHEN));
    send(order("rq-1", "p1", "active", WARFARIN));
    send(byReference("rq-2", "p1", "active", "med-ibu", IBUPROFEN));
    assertEquals(List.of(PAIR), alertIds());
  }

  @AfterEach
  void close() {
    stores.close();
    meters.close();
  }

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
    MockSchemaRegistry.dropScope(SCOPE + "-knowledge");
  }

  @Test
  void shouldKeepTheActiveMedicationsAndTheFiredPairAcrossARestart() {
    restart(stateDir);

    assertEquals(
        List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), active("p1"));
    assertNotNull(firedStore().get(PAIR));
  }

  @Test
  void shouldNotAlertAgainForARequestRedeliveredAfterARestart() {
    restart(stateDir);

    send(byReference("rq-2", "p1", "active", "med-ibu", IBUPROFEN));
    send(order("rq-1", "p1", "active", WARFARIN));

    assertEquals(List.of(), alertIds());
  }

  @Test
  void shouldNotFireAPairFromBeforeTheRestartWhenOneSideIsReactivated() {
    restart(stateDir);

    send(byReference("rq-2", "p1", "stopped", "med-ibu", IBUPROFEN));
    assertEquals(List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN), active("p1"));
    send(byReference("rq-2", "p1", "active", "med-ibu", IBUPROFEN));

    assertEquals(List.of(), alertIds());
    assertEquals(
        List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), active("p1"));
  }

  @Test
  void shouldPairANewRequestWithOnesFromBeforeTheRestart() {
    restart(stateDir);

    send(order("rq-3", "p1", "active", SERTRALINE));

    assertEquals(List.of("rq-2+rq-3:ssri-nsaid"), alertIds());
  }

  @Test
  void shouldRemoveRequestsDeletedOrMovedAfterARestart() {
    restart(stateDir);

    delete("rq-0"); // named its drug itself
    send(order("rq-1", "p2", "active", WARFARIN)); // moved to p2
    delete("rq-2"); // went through the Medication join

    assertEquals(List.of(), active("p1"), "each request's patient survived the restart");
    assertEquals(List.of("rq-1=" + WARFARIN), active("p2"));
    assertEquals(
        List.of(false, false, true),
        routes.stream().map(RoutedOrder::viaMedicationJoin).toList(),
        "a request that took the Medication join keeps taking it after the restart");
  }

  @Test
  void shouldDropADeleteOfARequestNeverSeenAfterARestart() {
    restart(stateDir);

    delete("rq-never");

    assertEquals(List.of(), routes);
  }

  /**
   * At-least-once after a crash: the list was restored with the change of the record at offset 21
   * (its changelog write got through) but that record's alert may not have been written, and the
   * input is read again from the last commit. Read again at its own offset, the record is checked
   * again and alerts once more (a duplicate, which at-least-once allows, rather than a loss); at a
   * later offset it is a re-delivery, and stays quiet.
   */
  @Test
  void shouldCheckARecordReadAgainAtItsOwnOffsetAndNotARedelivery() {
    String pair = "rq-10+rq-11:warfarin-nsaid";
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    assertEquals(List.of(pair), alertIds());

    restart(stateDir);
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    sendAt(22, order("rq-11", "p9", "active", IBUPROFEN));

    assertEquals(List.of(pair), alertIds());
  }

  /**
   * Two later changes of one patient since the commit: the record read again meets the list it
   * first met (without rq-12), alerts again, and the list ends as it was once the rest is read.
   */
  @Test
  void shouldCheckARecordReadAgainWhoseChangeIsNotTheListsLatest() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    sendAt(22, order("rq-12", "p9", "active", NAPROXEN));
    assertEquals(List.of("rq-10+rq-11:warfarin-nsaid", "rq-10+rq-12:warfarin-nsaid"), alertIds());
    List<String> listBeforeTheCrash = active("p9");

    restart(stateDir);
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    assertEquals(
        List.of("rq-10+rq-11:warfarin-nsaid"),
        alertIds(),
        "checked against rq-10 alone, as when first read");
    sendAt(22, order("rq-12", "p9", "active", NAPROXEN));

    assertEquals(List.of("rq-10+rq-12:warfarin-nsaid"), alertIds());
    assertEquals(listBeforeTheCrash, active("p9"));
  }

  /** A list emptied by records not committed yet keeps their undo log: nothing is lost with it. */
  @Test
  void shouldAlertAgainForARecordReadAgainAfterItsListWasEmptied() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    sendAt(22, order("rq-10", "p9", "stopped", WARFARIN));
    sendAt(23, order("rq-11", "p9", "stopped", IBUPROFEN));
    assertEquals(List.of("rq-10+rq-11:warfarin-nsaid"), alertIds());
    assertEquals(List.of(), active("p9"));
    assertEquals(4, undoOffsets("p9").size());
    assertFalse(ActiveMedicationQueries.hasActive(storedList("p9")), "answers 404");

    restart(stateDir);
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));

    assertEquals(List.of("rq-10+rq-11:warfarin-nsaid"), alertIds());
  }

  /** Each change drops the undo entries of records committed since; the list's own stay. */
  @Test
  void shouldDropTheUndoEntriesOfCommittedRecords() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    sendAt(21, order("rq-11", "p9", "active", IBUPROFEN));
    assertEquals(List.of(20L, 21L), undoOffsets("p9"));
    assertFalse(ActiveMedicationQueries.answer(storedList("p9")).has("undo"), "not answered");

    committedBefore = 22;
    sendAt(22, order("rq-12", "p9", "active", NAPROXEN));

    assertEquals(List.of(22L), undoOffsets("p9"));
    restart(stateDir);
    alertIds();
    sendAt(22, order("rq-12", "p9", "active", NAPROXEN));
    assertEquals(List.of("rq-10+rq-12:warfarin-nsaid"), alertIds(), "22 is not committed yet");
  }

  /**
   * At-least-once after a crash: the move of rq-10 from p9 to p8 at offset 22 landed in the routes
   * store, its removal from p9 did not. Read again at its offset, the version meets p9 as its
   * patient and sends the removal again; without it p9 would keep warfarin for good.
   */
  @Test
  void shouldSendTheRemovalAgainForAMoveReadAgainAfterACrash() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    sendAt(21, order("rq-11", "p8", "active", IBUPROFEN));
    routeLosingItsOutputs(22, "rq-10", order("rq-10", "p8", "active", WARFARIN));
    assertEquals(List.of("rq-10=" + WARFARIN), active("p9"), "the removal was lost");
    assertEquals("p8", routesStore().get("rq-10").patientId(), "the route's write was not");

    restart(stateDir);
    sendAt(22, order("rq-10", "p8", "active", WARFARIN));

    assertEquals(List.of(), active("p9"));
    assertEquals(List.of("rq-10=" + WARFARIN, "rq-11=" + IBUPROFEN), active("p8"));
    assertEquals(List.of("rq-10+rq-11:warfarin-nsaid"), alertIds());
  }

  /** Two moves since the commit, both outputs lost: each version read again removes its own. */
  @Test
  void shouldSendEachRemovalAgainForMovesSeveralDeep() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    routeLosingItsOutputs(21, "rq-10", order("rq-10", "p8", "active", WARFARIN));
    routeLosingItsOutputs(22, "rq-10", order("rq-10", "p7", "active", WARFARIN));
    assertEquals(
        List.of(21L, 22L), routeUndoOffsets("rq-10"), "the first assignment is not logged");

    restart(stateDir);
    sendAt(21, order("rq-10", "p8", "active", WARFARIN));
    assertEquals(List.of(), active("p9"));
    assertEquals(List.of("rq-10=" + WARFARIN), active("p8"));
    sendAt(22, order("rq-10", "p7", "active", WARFARIN));

    assertEquals(List.of(), active("p8"));
    assertEquals(List.of("rq-10=" + WARFARIN), active("p7"));
    assertEquals(List.of(21L, 22L), routeUndoOffsets("rq-10"), "as before the crash");
  }

  /**
   * A delete whose removal was lost: the route, which a delete would drop, stays for its undo log,
   * so the router does not take the tombstone read again for one of a request never seen.
   */
  @Test
  void shouldSendTheRemovalAgainForADeleteReadAgainAfterACrash() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    routeLosingItsOutputs(21, "rq-10", null);
    assertEquals(List.of("rq-10=" + WARFARIN), active("p9"), "the removal was lost");

    restart(stateDir);
    deleteAt(21, "rq-10");

    assertEquals(List.of(), active("p9"));
  }

  /** Each change of a route drops the undo entries of committed records. */
  @Test
  void shouldDropTheRouteUndoEntriesOfCommittedRecords() {
    sendAt(20, order("rq-10", "p9", "active", WARFARIN));
    assertEquals(List.of(), routeUndoOffsets("rq-10"), "a first assignment has nothing to undo");
    sendAt(21, order("rq-10", "p8", "active", WARFARIN));
    sendAt(22, order("rq-10", "p9", "active", WARFARIN));
    assertEquals(List.of(21L, 22L), routeUndoOffsets("rq-10"));

    committedBefore = 23;
    sendAt(23, order("rq-10", "p7", "active", WARFARIN));
    assertEquals(List.of(23L), routeUndoOffsets("rq-10"));

    committedBefore = 24;
    deleteAt(24, "rq-10");
    assertEquals(
        List.of(24L), routeUndoOffsets("rq-10"), "kept while the delete can be read again");
    assertEquals(null, routesStore().get("rq-10").patientId());
  }

  /** Exactly-once installs no committed input: no undo log is kept, nothing is written for one. */
  @Test
  void shouldKeepNoUndoLogWithoutACommittedInput() {
    appConfigs = Map.of();
    restart(stateDir);

    sendAt(30, order("rq-10", "p9", "active", WARFARIN));
    sendAt(31, order("rq-11", "p9", "active", IBUPROFEN));

    assertEquals(List.of(), undoOffsets("p9"));
    assertEquals(List.of("rq-10=" + WARFARIN, "rq-11=" + IBUPROFEN), active("p9"));
    sendAt(32, order("rq-10", "p8", "active", WARFARIN));
    assertEquals(List.of(), routeUndoOffsets("rq-10"));
  }

  /** The control: on another state directory the same re-delivery alerts again. */
  @Test
  void shouldAlertAgainWhenTheStateDirectoryIsLost() {
    restart(otherStateDir);

    send(order("rq-1", "p1", "active", WARFARIN));
    send(byReference("rq-2", "p1", "active", "med-ibu", IBUPROFEN));
    send(order("rq-3", "p1", "active", NAPROXEN));

    assertEquals(List.of(PAIR, "rq-1+rq-3:warfarin-nsaid"), alertIds());
    assertFalse(active("p1").contains("rq-0=" + ACETAMINOPHEN));
  }

  /** The three processors over their stores as the topology declares them (names and serdes). */
  private void start(Path dir) {
    stores =
        ProcessorStores.open(
            dir,
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RequestRouter.STORE),
                Serdes.String(),
                new RequestRouteSerde()),
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(InteractionCheckProcessor.ACTIVE_STORE),
                Serdes.String(),
                avro.specific(ActiveMedicationList.class)),
            Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(InteractionCheckProcessor.FIRED_STORE),
                Serdes.String(),
                Serdes.String()),
            // The global knowledge store, restored from its topic at every start.
            Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(MedicationInteractionTopology.KNOWLEDGE_STORE),
                Serdes.String(),
                knowledgeAvro.specific(KnowledgeInteraction.class)));
    routed = stores.context();
    assigned = stores.context(appConfigs);
    checked = stores.context(appConfigs);
    KeyValueStore<String, KnowledgeInteraction> knowledge =
        checked.getStateStore(MedicationInteractionTopology.KNOWLEDGE_STORE);
    KnowledgeRecords.of(KnowledgeFile.load(InteractionTestDriver.testKnowledgeFile()))
        .forEach(knowledge::put);

    router = new RequestRouter();
    router.init(ProcessorStores.fixedKey(routed));
    assignment = new PatientAssignmentProcessor();
    assignment.init(assigned);
    check =
        (InteractionCheckProcessor)
            InteractionCheckProcessor.supplier(
                    MedicationInteractionTopology.NAME,
                    new KnowledgeCache(),
                    meters,
                    avro.specific(ActiveMedicationList.class))
                .get();
    check.init(ProcessorStores.fixedKey(checked));
  }

  private void restart(Path dir) {
    router.close();
    assignment.close();
    check.close();
    stores.close();
    routes.clear();
    start(dir);
  }

  private void send(MedicationOrder order) {
    route(order.getRequestId(), order);
  }

  /**
   * As patient assignment reads it from partition 0 of the request topic, and the check from its
   * repartition topic, at {@code offset}.
   */
  private void sendAt(long offset, MedicationOrder order) {
    readAt(offset);
    send(order);
  }

  private void deleteAt(long offset, String requestId) {
    readAt(offset);
    delete(requestId);
  }

  private void readAt(long offset) {
    assigned.setRecordMetadata("medication-requests", 0, offset);
    checked.setRecordMetadata("orders-by-patient", 0, offset);
  }

  /**
   * At-least-once, a crash: the version read at {@code offset} changed the routes store (its
   * changelog write got through), but what patient assignment sent (a removal, the re-keyed
   * version) never reached the broker, so the check never saw it.
   */
  private void routeLosingItsOutputs(long offset, String requestId, MedicationOrder version) {
    readAt(offset);
    router.process(ProcessorStores.fixedKey(new Record<>(requestId, version, TIME)));
    for (Record<String, RoutedOrder> out : ProcessorStores.takeForwarded(routed)) {
      assignment.process(new Record<>(out.key(), version, out.timestamp()));
    }
    ProcessorStores.takeForwarded(assigned);
  }

  private void delete(String requestId) {
    route(requestId, null);
  }

  /** Router, then (the Medication join resolving a reference) patient assignment, then check. */
  private void route(String requestId, MedicationOrder version) {
    MedicationOrder asRead = version == null ? null : unresolved(version);
    router.process(ProcessorStores.fixedKey(new Record<>(requestId, asRead, TIME)));
    for (Record<String, RoutedOrder> out : ProcessorStores.takeForwarded(routed)) {
      routes.add(out.value());
      assignment.process(new Record<>(out.key(), version, out.timestamp()));
    }
    for (Record<String, MedicationOrder> byPatient : ProcessorStores.takeForwarded(assigned)) {
      check.process(ProcessorStores.fixedKey(byPatient));
    }
  }

  /** The version as read, before the join: a referenced Medication's drug is not known yet. */
  private static MedicationOrder unresolved(MedicationOrder order) {
    if (order.getMedicationId() == null) {
      return order;
    }
    return MedicationOrder.newBuilder(order)
        .setDrugSystem(null)
        .setDrugCode(null)
        .setDrugDisplay(null)
        .build();
  }

  private List<String> alertIds() {
    return ProcessorStores.takeForwarded(checked).stream()
        .map(r -> r.value().getAlertId())
        .toList();
  }

  /** The patient's active requests as "requestId=drugCode", ordered as stored. */
  private List<String> active(String patientId) {
    KeyValueStore<String, ActiveMedicationList> store =
        checked.getStateStore(InteractionCheckProcessor.ACTIVE_STORE);
    ActiveMedicationList list = store.get(patientId);
    if (list == null) {
      return List.of();
    }
    List<String> active = new ArrayList<>();
    for (PrescribedDrug drug : list.getRequests()) {
      active.add(drug.getRequestId() + "=" + drug.getDrugCode());
    }
    return active;
  }

  private ActiveMedicationList storedList(String patientId) {
    KeyValueStore<String, ActiveMedicationList> store =
        checked.getStateStore(InteractionCheckProcessor.ACTIVE_STORE);
    return store.get(patientId);
  }

  /** The offsets of the patient's undo entries, oldest first. */
  private List<Long> undoOffsets(String patientId) {
    ActiveMedicationList list = storedList(patientId);
    return list == null
        ? List.of()
        : list.getUndo().stream().map(entry -> entry.getChangedBy().getOffset()).toList();
  }

  private KeyValueStore<String, RequestRoute> routesStore() {
    return assigned.getStateStore(RequestRouter.STORE);
  }

  /** The offsets of the request's route undo entries, oldest first. */
  private List<Long> routeUndoOffsets(String requestId) {
    RequestRoute route = routesStore().get(requestId);
    return route == null
        ? List.of()
        : route.patientUndo().entries().stream().map(e -> e.changedBy().offset()).toList();
  }

  private KeyValueStore<String, ?> firedStore() {
    KeyValueStore<String, ?> fired = checked.getStateStore(InteractionCheckProcessor.FIRED_STORE);
    assertTrue(fired.persistent());
    return fired;
  }

  private static MedicationOrder order(
      String requestId, String patientId, String status, String rxnorm) {
    return MedicationOrder.newBuilder()
        .setRequestId(requestId)
        .setPatientId(patientId)
        .setStatus(status)
        .setDrugSystem(RXNORM)
        .setDrugCode(rxnorm)
        .setDrugDisplay(display(rxnorm))
        .build();
  }

  /** A request naming its drug by a Medication resource, as the join resolves it. */
  private static MedicationOrder byReference(
      String requestId, String patientId, String status, String medicationId, String rxnorm) {
    MedicationOrder read =
        MedicationOrder.newBuilder()
            .setRequestId(requestId)
            .setPatientId(patientId)
            .setStatus(status)
            .setMedicationId(medicationId)
            .build();
    return MedicationOrders.resolve(
        read,
        MedicationDrug.newBuilder()
            .setMedicationId(medicationId)
            .setDrugSystem(RXNORM)
            .setDrugCode(rxnorm)
            .setDrugDisplay(display(rxnorm))
            .build());
  }
}
