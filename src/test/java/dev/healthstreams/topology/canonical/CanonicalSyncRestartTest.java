package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.MockSchemaRegistry;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.ProcessorStores;
import dev.healthstreams.topology.support.Counters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity and clinical stages closed and opened again on the same state directory, as a task
 * restarts: links, golden ids, applied versions and waiting records are all still there.
 */
class CanonicalSyncRestartTest {
  private static final String SCOPE = "CanonicalSyncRestartTest";
  private static final long NOW = java.time.Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
  private static final CanonicalSyncSettings SETTINGS =
      new CanonicalSyncSettings(
          SyncFixtures.MRN_SYSTEM,
          CanonicalSyncSettings.DEFAULT_RULES,
          MatchRulesReader.load(CanonicalSyncSettings.DEFAULT_RULES),
          SurvivorshipRule.MOST_RECENT,
          List.of("ehr", "pharmacy"),
          Map.of(),
          Duration.ofDays(1),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Map.of("patient", List.of("ehr")));
  private static final CanonicalRecords RECORDS = new CanonicalRecords(CanonicalSyncTopology.NAME);

  @TempDir Path stateDir;

  @AfterAll
  static void dropScope() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  private static Record<String, IdentityInput> patient(
      String system, String id, long seq, String given) {
    PatientRecord record =
        new PatientRecord(
            new SourceKey(system, id),
            String.valueOf(seq),
            seq,
            seq,
            SyncFixtures.person(given, "Lee", "1980-01-01"));
    return new Record<>(
        id, new IdentityInput(PatientChange.upsert(record), null, "c", "cause"), NOW);
  }

  private static <I, O> Processor<String, I, String, O> start(
      ProcessorSupplier<String, I, String, O> supplier,
      ProcessorStores stores,
      MockProcessorContext<String, O> context) {
    context.setCurrentSystemTimeMs(1_000_000L);
    Processor<String, I, String, O> processor = supplier.get();
    processor.init(context);
    return processor;
  }

  @Test
  void shouldKeepLinksGoldenIdsAndAppliedVersionsAcrossARestart() {
    AvroSerdes avro = new AvroSerdes(SchemaRegistries.connect("mock://" + SCOPE, Map.of()));
    ProcessorSupplier<String, IdentityInput, String, SyncOutput> supplier =
        IdentityProcessor.supplier(SETTINGS, RECORDS, avro.specific(CanonicalPatient.class));
    StoreBuilder<?>[] builders = supplier.stores().toArray(StoreBuilder<?>[]::new);
    String golden = IdentityGraph.goldenIdOf(new SourceKey("ehr", "e1"), 0);
    try (ProcessorStores stores = ProcessorStores.open(stateDir, builders)) {
      MockProcessorContext<String, SyncOutput> context = stores.context();
      Processor<String, IdentityInput, String, SyncOutput> identity =
          start(supplier, stores, context);
      identity.process(patient("ehr", "e1", 1, "Robert"));
      identity.process(patient("pharmacy", "p1", 2, "Bob"));
      assertEquals(2, published(context).size());
    }
    try (ProcessorStores stores = ProcessorStores.open(stateDir, builders)) {
      MockProcessorContext<String, SyncOutput> context = stores.context();
      Processor<String, IdentityInput, String, SyncOutput> identity =
          start(supplier, stores, context);
      identity.process(patient("pharmacy", "p1", 2, "Bob"));
      assertEquals(
          List.of(), ProcessorStores.takeForwarded(context), "the replayed version writes nothing");
      identity.process(patient("pharmacy", "p2", 3, "Rob"));
      List<CanonicalPatient> after = published(context);
      assertEquals(1, after.size());
      assertEquals(golden, after.get(0).getGoldenId(), "linked to the golden patient made before");
      assertEquals(3L, after.get(0).getVersion(), "its version goes on");
    }
  }

  @Test
  void shouldReleaseARecordThatWaitedAcrossARestartWhenItsLinkArrives() {
    ProcessorSupplier<String, ClinicalInput, String, SyncOutput> supplier = clinical();
    StoreBuilder<?>[] builders = supplier.stores().toArray(StoreBuilder<?>[]::new);
    PrescriptionRecord rx = prescription();
    parkWaitingForItsPatient(supplier, builders);
    try (ProcessorStores stores = ProcessorStores.open(stateDir, builders)) {
      MockProcessorContext<String, SyncOutput> context = stores.context();
      Processor<String, ClinicalInput, String, SyncOutput> clinical =
          start(supplier, stores, context);
      clinical.process(new Record<>("pharmacy/p1", ClinicalInput.linkChange("g1"), 3000L));
      List<Record<String, SyncOutput>> out = ProcessorStores.takeForwarded(context);
      CanonicalPrescription released = (CanonicalPrescription) out.get(0).value().value();
      assertEquals("g1", released.getGoldenPatientId());
      assertEquals(SyncOutput.Route.PUBLISHED, out.get(1).value().route());
      clinical.process(new Record<>("pharmacy/p1", ClinicalInput.of(rx, "c", "x"), NOW));
      assertEquals(List.of(), ProcessorStores.takeForwarded(context), "version 1 was applied");
      KeyValueStore<String, PendingClinical> pending =
          context.getStateStore(ClinicalProcessor.PENDING_STORE);
      assertNull(pending.get("pharmacy/p1" + IdentityProcessor.SEPARATOR + "prescription/rx1"));
    }
  }

  /**
   * The pending store's due index keeps no changelog and is built again from it at start: a record
   * that waited across a restart is still released when its link-wait ends, once.
   */
  @Test
  void shouldReleaseARecordThatWaitedAcrossARestartWhenItsWaitEnds() {
    ProcessorSupplier<String, ClinicalInput, String, SyncOutput> supplier = clinical();
    StoreBuilder<?>[] builders = supplier.stores().toArray(StoreBuilder<?>[]::new);
    parkWaitingForItsPatient(supplier, builders);
    try (ProcessorStores stores = ProcessorStores.open(stateDir, builders)) {
      MockProcessorContext<String, SyncOutput> context = stores.context();
      // As on a replica the task moved to: the due index, which has no changelog, starts empty.
      KeyValueStore<String, String> due = context.getStateStore(ClinicalProcessor.DUE_STORE);
      List<String> left = new ArrayList<>();
      try (KeyValueIterator<String, String> entries = due.all()) {
        entries.forEachRemaining(entry -> left.add(entry.key));
      }
      assertEquals(1, left.size());
      left.forEach(due::delete);
      start(supplier, stores, context);
      // start() set the wall clock to 1,000,000 ms when the record arrived: it waits 10 minutes.
      long waitEnds = 1_000_000L + Duration.ofMinutes(10).toMillis();
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(waitEnds - 1);
      assertEquals(List.of(), ProcessorStores.takeForwarded(context), "still waiting");
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(waitEnds);
      List<Record<String, SyncOutput>> out = ProcessorStores.takeForwarded(context);
      CanonicalPrescription released = (CanonicalPrescription) out.get(0).value().value();
      assertNull(released.getGoldenPatientId(), "released without a golden patient");
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(waitEnds + 60_000L);
      assertEquals(List.of(), ProcessorStores.takeForwarded(context), "released once");
    }
  }

  private static ProcessorSupplier<String, ClinicalInput, String, SyncOutput> clinical() {
    return ClinicalProcessor.supplier(
        CanonicalSyncTopology.NAME,
        Duration.ofMinutes(10),
        RECORDS,
        new Counters(new SimpleMeterRegistry(), "unlinked", "test", "topology", "entity"));
  }

  /**
   * The first run: the prescription of a patient with no golden id yet waits, and the stores close.
   */
  private void parkWaitingForItsPatient(
      ProcessorSupplier<String, ClinicalInput, String, SyncOutput> supplier,
      StoreBuilder<?>[] builders) {
    try (ProcessorStores stores = ProcessorStores.open(stateDir, builders)) {
      MockProcessorContext<String, SyncOutput> context = stores.context();
      Processor<String, ClinicalInput, String, SyncOutput> clinical =
          start(supplier, stores, context);
      clinical.process(
          new Record<>("pharmacy/p1", ClinicalInput.of(prescription(), "c", "x"), NOW));
      assertEquals(List.of(), ProcessorStores.takeForwarded(context), "waiting for its patient");
    }
  }

  private static PrescriptionRecord prescription() {
    return new PrescriptionRecord(
        "rx1",
        1,
        1L,
        1000L,
        null,
        "p1",
        null,
        null,
        "Drug",
        null,
        30.0,
        30,
        0,
        SyncFixtures.NPI,
        null,
        "active");
  }

  private static List<CanonicalPatient> published(
      MockProcessorContext<String, SyncOutput> context) {
    return ProcessorStores.takeForwarded(context).stream()
        .filter(r -> r.value().route() == SyncOutput.Route.PATIENT)
        .map(r -> (CanonicalPatient) r.value().value())
        .toList();
  }
}
