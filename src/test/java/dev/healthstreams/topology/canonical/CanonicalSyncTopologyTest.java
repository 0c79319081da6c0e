package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.avro.CanonicalObservation;
import dev.healthstreams.avro.CanonicalPatient;
import dev.healthstreams.avro.CanonicalPrescription;
import dev.healthstreams.avro.LinkType;
import dev.healthstreams.avro.PatientReviewItem;
import dev.healthstreams.avro.ReconciliationKind;
import dev.healthstreams.avro.SourceLink;
import dev.healthstreams.avro.SyncConflict;
import dev.healthstreams.avro.SyncError;
import dev.healthstreams.avro.SyncReconciliation;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topology through the test kit: each behaviour of the evidence list. */
class CanonicalSyncTopologyTest {
  static final String BLOCK =
      """
      canonical-sync:
        topics:
          ehr-patients: source.ehr.patient
          ehr-observations: source.ehr.observation
          pharmacy-prescriptions: source.pharmacy.prescription
          link-commands: sync.link-commands
          acknowledgements: [target.ehr.sync.completed, target.pharmacy.sync.completed, target.portal.sync.completed]
          patients: canonical.patient.validated
          prescriptions: canonical.prescription.validated
          observations: canonical.observation.validated
          errors: data.sync.errors
          review: sync.patient.review
          conflicts: sync.patient.conflicts
          reconciliation: sync.reconciliation
          dead-letter: canonical-sync.dlq
        survivorship:
          default: most-recent
          source-priority: [ehr, pharmacy]
          fields: {birthDate: source-priority, address: most-complete, telecom: fill-if-empty}
        conflict-window: P1D
        link-wait: PT10M
        reconcile-within: PT15M
        targets: {patient: [ehr, pharmacy, portal], prescription: [pharmacy]}
      """;
  static final Instant START = TopologyKitExtension.DEFAULT_START;

  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(CanonicalSyncTopology.NAME, TopologyKit.yaml(BLOCK));

  static byte[] bytes(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void ehr(String key, Object value) {
    kit.input(CanonicalSyncTopology.EHR_PATIENTS)
        .pipeInput(key, value == null ? null : bytes(value));
  }

  static void rx(String key, Object value) {
    kit.input(CanonicalSyncTopology.PRESCRIPTIONS_IN)
        .pipeInput(key, value == null ? null : bytes(value));
  }

  static void command(String command, String a, String b) {
    kit.input(CanonicalSyncTopology.LINK_COMMANDS)
        .pipeInput("c", bytes(SyncFixtures.command(command, a, b)));
  }

  static ObjectNode ann(String id, String version, String lastUpdated) {
    return SyncFixtures.ehrPatient(
        id, version, lastUpdated, "Robert", "Lee", "1980-01-01", "male", "M-1");
  }

  static ObjectNode annRx(String rxId, int version, String updatedAt, String patientId) {
    return SyncFixtures.prescription(
        rxId, version, updatedAt, patientId, "Bob", "Lee", "01/01/1980", "M", null);
  }

  static List<CanonicalPatient> patients() {
    return kit.output(CanonicalSyncTopology.PATIENTS).readValuesToList();
  }

  static String golden(String source) {
    SourceState state =
        kit.kit().<String, SourceState>keyValueStore(IdentityProcessor.SOURCES_STORE).get(source);
    return state == null ? null : state.goldenId();
  }

  static List<String> keys(String store) {
    List<String> keys = new java.util.ArrayList<>();
    try (var all = kit.kit().<String, Object>keyValueStore(store).all()) {
      all.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }

  static ObjectNode observationWithoutSubjectAndCode() {
    ObjectNode o = SyncFixtures.observation("o1", "e1", "final", "2030-01-01T00:00:00Z");
    o.remove("subject");
    o.remove("code");
    return o;
  }

  static List<String> codes(SyncError error) {
    return error.getViolations().stream().map(v -> v.getCode()).toList();
  }

  @Test
  void shouldLinkPatientRecordsProducedWithoutAKey() {
    // A repartition drops records whose key is null: the identity stage keys them by source.
    ehr(null, ann("e1", "1", "2023-12-01T00:00:00Z"));
    rx(null, annRx("rx1", 1, "2023-12-02T00:00:00Z", "ph1"));

    String expectedGolden = IdentityGraph.goldenIdOf(new SourceKey("ehr", "e1"), 0);
    assertEquals(expectedGolden, golden("ehr/e1"));
    assertEquals(expectedGolden, golden("pharmacy/ph1"));
  }

  @Test
  void shouldLinkAPharmacyRecordThatMatchesAndPublishTheRebuiltGolden() {
    ehr("e1", ann("e1", "1", "2023-12-01T00:00:00Z"));
    rx("rx1", annRx("rx1", 1, "2023-12-02T00:00:00Z", "ph1"));
    List<CanonicalPatient> published = patients();
    assertEquals(2, published.size());
    CanonicalPatient second = published.get(1);
    String expectedGolden = IdentityGraph.goldenIdOf(new SourceKey("ehr", "e1"), 0);
    assertEquals(expectedGolden, second.getGoldenId());
    assertEquals(2L, second.getVersion());
    assertEquals(
        List.of("ehr/e1", "pharmacy/ph1"),
        second.getSources().stream().map(s -> s.getSystem() + "/" + s.getId()).toList());
    assertEquals(List.of("Bob"), second.getGiven(), "most recent by default");
    assertEquals(expectedGolden, golden("pharmacy/ph1"));
    CanonicalPrescription prescription =
        kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readValue();
    assertEquals(expectedGolden, prescription.getGoldenPatientId());
    assertEquals("1234567893", prescription.getPrescriberNpi().getValue());
    assertEquals(
        expectedGolden, second.getMetadata().getCausationId() == null ? null : expectedGolden);
  }

  @Test
  void shouldWriteEveryFailedValidationRuleOfEachEntityAndLinkNone() {
    ehr("e1", SyncFixtures.ehrPatient("e1", "1", null, null, null, "2030-02-01", "male", null));
    ObjectNode badRx =
        SyncFixtures.prescription(
            "rx1", 1, "2023-12-01T00:00:00Z", "ph1", "A", "B", "13/45/1990", "X", null);
    ((ObjectNode) badRx.get("drug")).removeAll();
    badRx.put("quantity", 0).put("status", "paused");
    ((ObjectNode) badRx.get("prescriber")).put("npi", "1234567890");
    rx("rx1", badRx);
    kit.input(CanonicalSyncTopology.EHR_OBSERVATIONS)
        .pipeInput("o1", bytes(observationWithoutSubjectAndCode()));
    Map<String, SyncError> errors = kit.output(CanonicalSyncTopology.ERRORS).readKeyValuesToMap();
    // The EHR patient's birth date is a valid date, but in the future. (A gender or status that is
    // no FHIR code never gets here: HAPI cannot read it, so it is a dead letter.)
    assertEquals(List.of("NAME_MISSING", "BIRTH_DATE_FUTURE"), codes(errors.get("ehr/e1")));
    assertEquals(
        List.of("BIRTH_DATE_INVALID", "GENDER_UNKNOWN"), codes(errors.get("pharmacy/ph1")));
    assertEquals(
        List.of("DRUG_MISSING", "QUANTITY_NOT_POSITIVE", "STATUS_UNKNOWN", "NPI_INVALID"),
        codes(errors.get("pharmacy/rx1")));
    assertEquals(
        List.of("SUBJECT_MISSING", "CODE_MISSING", "EFFECTIVE_FUTURE"),
        codes(errors.get("ehr/o1")));
    assertEquals("prescription", errors.get("pharmacy/rx1").getEntityType());
    assertTrue(
        errors.values().stream()
            .flatMap(e -> e.getViolations().stream())
            .noneMatch(v -> v.getMessage().contains("2030") || v.getMessage().contains("13/45")));
    assertEquals(List.of(), patients(), "invalid records link nothing");
    assertNull(golden("ehr/e1"));
  }

  @Test
  void shouldSendAnUnreadableRecordToTheDeadLettersAndGoOn() {
    byte[] broken = "{\"resourceType\": \"Patient\", ".getBytes(StandardCharsets.UTF_8);
    kit.input(CanonicalSyncTopology.EHR_PATIENTS).pipeInput("bad", broken);
    ehr("e1", ann("e1", "1", "2023-12-01T00:00:00Z"));
    TestRecord<byte[], byte[]> letter = kit.deadLetters().readRecord();
    TopologyKit.assertDeadLetter(
        letter, "bad", broken, "not-json", CanonicalSyncTopology.NAME, "source.ehr.patient", 0);
    assertEquals(1, patients().size(), "the record after it is processed");
  }

  @Test
  void shouldReviewAPossibleMatchAndFlagBothGoldenPatientsWithoutLinking() {
    ehr(
        "e1",
        SyncFixtures.ehrPatient(
            "e1", "1", "2023-12-01T00:00:00Z", "Annabelle", "Lee", "2001-01-01", "female", "M-1"));
    rx(
        "rx1",
        SyncFixtures.prescription(
            "rx1", 1, "2023-12-02T00:00:00Z", "ph1", "Oliver", "Lee", "01/01/2001", "M", null));
    PatientReviewItem review = kit.output(CanonicalSyncTopology.REVIEW).readValue();
    assertEquals("POSSIBLE_MATCH", review.getReason());
    assertEquals("pharmacy/ph1", review.getSource());
    assertEquals(
        List.of(golden("ehr/e1")),
        review.getCandidates().stream().map(c -> c.getGoldenId()).toList());
    assertNotEquals(golden("ehr/e1"), golden("pharmacy/ph1"));
    Map<String, CanonicalPatient> latest =
        kit.output(CanonicalSyncTopology.PATIENTS).readKeyValuesToMap();
    assertEquals(
        List.of(IdentityGraph.POSSIBLE_DUPLICATE), latest.get(golden("ehr/e1")).getFlags());
    assertEquals(
        List.of(IdentityGraph.POSSIBLE_DUPLICATE), latest.get(golden("pharmacy/ph1")).getFlags());
  }

  @Test
  void shouldReviewMatchesToTwoGoldenPatients() {
    ehr(
        "e1",
        SyncFixtures.ehrPatient(
            "e1", "1", "2023-12-01T00:00:00Z", "Robert", "Lee", "1980-01-01", "male", "M-1"));
    ehr(
        "e2",
        SyncFixtures.ehrPatient(
            "e2", "1", "2023-12-01T00:00:00Z", "Robert", "Lee", "1980-01-01", "male", "M-2"));
    assertNotEquals(golden("ehr/e1"), golden("ehr/e2"), "different MRNs: no match");
    rx("rx1", annRx("rx1", 1, "2023-12-02T00:00:00Z", "ph1"));
    PatientReviewItem review = kit.output(CanonicalSyncTopology.REVIEW).readValue();
    assertEquals("MULTIPLE_MATCHES", review.getReason());
    assertEquals(2, review.getCandidates().size());
    java.util.Set<String> goldens = new java.util.HashSet<>();
    kit.kit()
        .<String, GoldenState>keyValueStore(IdentityProcessor.GOLDENS_STORE)
        .all()
        .forEachRemaining(e -> goldens.add(e.key));
    assertEquals(3, goldens.size(), "the pharmacy record got its own golden patient");
  }

  @Test
  void shouldLinkAndUnlinkByHandAndRebuildTheGoldenPatient() {
    ehr(
        "e1",
        SyncFixtures.ehrPatient(
            "e1", "1", "2023-12-01T00:00:00Z", "Annabelle", "Lee", "2001-01-01", "female", "M-1"));
    rx(
        "rx1",
        SyncFixtures.prescription(
            "rx1", 1, "2023-12-02T00:00:00Z", "ph1", "Oliver", "Lee", "01/01/2001", "M", null));
    String ehrGolden = golden("ehr/e1");
    String pharmacyGolden = golden("pharmacy/ph1");
    patients();
    command("link", "ehr/e1", "pharmacy/ph1");
    Map<String, CanonicalPatient> linked =
        kit.output(CanonicalSyncTopology.PATIENTS).readKeyValuesToMap();
    assertTrue(
        linked.containsKey(pharmacyGolden) && linked.get(pharmacyGolden) == null, "tombstone");
    CanonicalPatient merged = linked.get(ehrGolden);
    assertEquals(
        List.of(LinkType.MANUAL, LinkType.MANUAL),
        merged.getSources().stream().map(SourceLink::getLinkType).toList());
    assertEquals(List.of(), merged.getFlags(), "the review is resolved");
    assertEquals(List.of("Oliver"), merged.getGiven());
    assertEquals(List.of(), keys(IdentityProcessor.REVIEWS_STORE));

    command("unlink", "ehr/e1", "pharmacy/ph1");
    Map<String, CanonicalPatient> split =
        kit.output(CanonicalSyncTopology.PATIENTS).readKeyValuesToMap();
    CanonicalPatient rebuilt = split.get(ehrGolden);
    assertEquals(List.of("Annabelle"), rebuilt.getGiven(), "rebuilt from the EHR record alone");
    assertEquals(1, rebuilt.getSources().size());
    assertNotEquals(ehrGolden, golden("pharmacy/ph1"));
    // Automatic matching does not undo the steward: a new version stays apart.
    rx(
        "rx1",
        SyncFixtures.prescription(
            "rx1", 2, "2023-12-03T00:00:00Z", "ph1", "Annabelle", "Lee", "01/01/2001", "F", null));
    assertNotEquals(ehrGolden, golden("pharmacy/ph1"));
  }

  @Test
  void shouldApplyEachSurvivorshipRuleAndReportAConflict() {
    ObjectNode e1 =
        SyncFixtures.ehrPatient(
            "e1", "1", "2023-12-01T00:00:00Z", "Robert", "Lee", "1980-01-01", "male", "M-1");
    ((ObjectNode) e1.get("address").get(0)).remove("postalCode");
    ((ObjectNode) e1.get("telecom").get(0)).put("value", "555-0111");
    ehr("e1", e1);
    ObjectNode p1 =
        SyncFixtures.prescription(
            "rx1", 1, "2023-12-01T12:00:00Z", "ph1", "Bob", "Lee", "01/01/1980", "M", "M-1");
    ((ObjectNode) p1.get("patient")).put("dob", "01/02/1980").put("phone", "555-0222");
    rx("rx1", p1);
    CanonicalPatient golden = patients().get(1);
    assertEquals(
        List.of("Bob"), golden.getGiven(), "name: most-recent (the pharmacy's, 12 h later)");
    assertEquals("1980-01-01", golden.getBirthDate(), "birthDate: source-priority, ehr first");
    assertEquals(
        "02115",
        golden.getAddress().getPostalCode(),
        "address: most-complete (the pharmacy's has a ZIP)");
    assertEquals("555-0111", golden.getTelecom(), "telecom: fill-if-empty, the EHR had it first");
    Map<String, String> rules = new java.util.TreeMap<>();
    golden.getLineage().forEach(l -> rules.put(l.getField() + "<-" + l.getSource(), l.getRule()));
    assertEquals(
        Map.of(
            "name<-pharmacy/ph1",
            "most-recent",
            "birthDate<-ehr/e1",
            "source-priority",
            "gender<-pharmacy/ph1",
            "most-recent",
            "address<-pharmacy/ph1",
            "most-complete",
            "telecom<-ehr/e1",
            "fill-if-empty",
            "identifiers<-ehr/e1",
            "union",
            "identifiers<-pharmacy/ph1",
            "union"),
        rules);
    List<SyncConflict> conflicts = kit.output(CanonicalSyncTopology.CONFLICTS).readValuesToList();
    assertEquals(
        List.of("name", "birthDate", "address", "telecom"),
        conflicts.stream().map(SyncConflict::getField).toList());
    SyncConflict birth = conflicts.get(1);
    assertEquals("1980-01-01", birth.getChosenValue());
    assertEquals("ehr/e1", birth.getChosenSource());
    assertEquals("source-priority", birth.getRule());
    assertEquals(golden.getGoldenId(), birth.getGoldenId());
  }

  @Test
  void shouldNotReportAConflictBetweenValuesChangedFarApart() {
    ehr("e1", ann("e1", "1", "2023-11-01T00:00:00Z"));
    rx("rx1", annRx("rx1", 1, "2023-12-01T00:00:00Z", "ph1"));
    assertEquals(2, patients().size());
    assertTrue(
        kit.output(CanonicalSyncTopology.CONFLICTS).isEmpty(),
        "Robert/Bob a month apart: an update");
  }

  @Test
  void shouldReadDebeziumEventsTombstonesAndReplaysOnce() {
    ObjectNode v1 = ann("e1", null, null);
    ehr(
        "e1",
        SyncFixtures.debezium(
            "c", null, v1, 100, Instant.parse("2023-12-01T00:00:00Z").toEpochMilli()));
    ObjectNode v2 = ann("e1", null, null);
    ((ObjectNode) v2.get("name").get(0)).put("family", "Leigh");
    ehr(
        "e1",
        SyncFixtures.debezium(
            "u", v1, v2, 200, Instant.parse("2023-12-02T00:00:00Z").toEpochMilli()));
    ehr(
        "e1",
        SyncFixtures.debezium(
            "u", v1, v2, 200, Instant.parse("2023-12-02T00:00:00Z").toEpochMilli()));
    ehr(
        "e1",
        SyncFixtures.debezium(
            "c", null, v1, 100, Instant.parse("2023-12-01T00:00:00Z").toEpochMilli()));
    List<CanonicalPatient> published = patients();
    assertEquals(
        List.of("Lee", "Leigh"),
        published.stream().map(CanonicalPatient::getFamily).toList(),
        "the replayed positions 200 and 100 write nothing");
    assertEquals(
        Instant.parse("2023-12-02T00:00:00Z"),
        published.get(1).getSources().get(0).getUpdatedAt(),
        "source.ts_ms");
    String goldenId = published.get(0).getGoldenId();
    ehr("e1", SyncFixtures.debezium("d", v2, null, 300, 0));
    TestRecord<String, CanonicalPatient> tombstone =
        kit.output(CanonicalSyncTopology.PATIENTS).readRecord();
    assertEquals(goldenId, tombstone.key());
    assertNull(tombstone.value());
    ehr("e1", SyncFixtures.debezium("c", null, v1, 400, 0));
    CanonicalPatient back = patients().get(0);
    assertEquals(goldenId, back.getGoldenId(), "back after the delete, with the same derived id");
    assertEquals(
        published.get(1).getVersion() + 1,
        back.getVersion(),
        "its versions go on: an acknowledgement of the first life's never completes the second's");
    ehr("e1", null);
    assertNull(
        kit.output(CanonicalSyncTopology.PATIENTS).readRecord().value(), "a tombstone deletes too");
    // An enveloped prescription, then its deletion as a tombstone.
    rx("rx9", SyncFixtures.envelope(annRx("rx9", 1, "2023-12-01T00:00:00Z", "ph9"), "corr-9"));
    CanonicalPrescription enveloped = kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readValue();
    assertEquals("corr-9", enveloped.getMetadata().getCorrelationId());
    rx("rx9", null);
    TestRecord<String, CanonicalPrescription> deleted =
        kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readRecord();
    assertEquals("rx9", deleted.key());
    assertNull(deleted.value());
  }

  @Test
  void shouldHoldAnObservationUntilItsPatientIsLinked() {
    kit.input(CanonicalSyncTopology.EHR_OBSERVATIONS)
        .pipeInput(
            "o1", bytes(SyncFixtures.observation("o1", "e1", "final", "2023-12-01T00:00:00Z")));
    assertTrue(kit.output(CanonicalSyncTopology.OBSERVATIONS).isEmpty());
    kit.advanceWallClock(Duration.ofMinutes(5));
    ehr("e1", ann("e1", "1", "2023-12-01T00:00:00Z"));
    CanonicalObservation observation = kit.output(CanonicalSyncTopology.OBSERVATIONS).readValue();
    assertEquals(golden("ehr/e1"), observation.getGoldenPatientId());
    kit.advanceWallClock(Duration.ofMinutes(10));
    assertTrue(kit.output(CanonicalSyncTopology.OBSERVATIONS).isEmpty(), "released once");
  }

  @Test
  void shouldNotReleaseAnObservationDeletedWhileItWaitedForItsPatient() {
    kit.input(CanonicalSyncTopology.EHR_OBSERVATIONS)
        .pipeInput(
            "o1", bytes(SyncFixtures.observation("o1", "e9", "final", "2023-12-01T00:00:00Z")));
    kit.input(CanonicalSyncTopology.EHR_OBSERVATIONS).pipeInput("o1", (byte[]) null);
    TestRecord<String, CanonicalObservation> tombstone =
        kit.output(CanonicalSyncTopology.OBSERVATIONS).readRecord();
    assertEquals("o1", tombstone.key());
    assertNull(tombstone.value());

    ehr("e9", ann("e9", "1", "2023-12-01T00:00:00Z"));
    kit.advanceWallClock(Duration.ofMinutes(11));

    assertTrue(
        kit.output(CanonicalSyncTopology.OBSERVATIONS).isEmpty(),
        "deleted: neither the link nor link-wait brings it back");
    assertEquals(0.0, kit.count("healthstreams.sync.unlinked", "entity", "observation"));
  }

  @Test
  void shouldOrderVersionsAfterADebeziumDeleteByItsPosition() {
    ObjectNode v1 = annRx("rx1", 1, "2023-12-01T00:00:00Z", "ph1");
    ObjectNode v2 = annRx("rx1", 2, "2023-12-02T00:00:00Z", "ph1");
    rx("rx1", SyncFixtures.debezium("c", null, v1, 100, 0));
    assertEquals("rx1", kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readValue().getRxId());
    rx("rx1", SyncFixtures.debezium("d", v2, null, 300, 0));
    assertNull(kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readRecord().value());

    rx("rx1", SyncFixtures.debezium("u", v1, v2, 200, 0));

    assertTrue(
        kit.output(CanonicalSyncTopology.PRESCRIPTIONS).isEmpty(),
        "position 200 came before the delete at 300: not published after it");
  }

  @Test
  void shouldSendAPrescriptionWithoutItsPatientAfterLinkWaitAndCountIt() {
    rx(
        "rx1",
        SyncFixtures.prescription(
            "rx1", 1, "2023-12-01T00:00:00Z", "ph1", "Bob", "Lee", "31/12/1980", "M", null));
    assertEquals(
        List.of("BIRTH_DATE_INVALID"),
        codes(kit.output(CanonicalSyncTopology.ERRORS).readValue()),
        "its patient record has dd/MM/yyyy where the pharmacy writes MM/dd/yyyy: not linked");
    kit.advanceWallClock(Duration.ofMinutes(9));
    assertTrue(kit.output(CanonicalSyncTopology.PRESCRIPTIONS).isEmpty());
    kit.advanceWallClock(Duration.ofMinutes(2));
    CanonicalPrescription late = kit.output(CanonicalSyncTopology.PRESCRIPTIONS).readValue();
    assertEquals("rx1", late.getRxId());
    assertNull(late.getGoldenPatientId());
    assertEquals(1.0, kit.count("healthstreams.sync.unlinked", "entity", "prescription"));
  }

  static void ack(String target, String type, String id, long version, String status) {
    kit.kit()
        .input(CanonicalSyncTopology.ACKNOWLEDGEMENTS, "target." + target + ".sync.completed")
        .pipeInput(id, bytes(SyncFixtures.ack(type, id, version, "2024-01-01T00:05:00Z", status)));
  }

  @Test
  void shouldTakeASyncTimestampWrittenAsEpochMilliseconds() {
    rx("rx1", annRx("rx1", 1, "2023-12-01T00:00:00Z", "ph1"));
    ObjectNode acknowledgement =
        SyncFixtures.ack("prescription", "rx1", 1, null, "success")
            .put("syncTimestamp", Instant.parse("2024-01-01T00:07:00Z").toEpochMilli());
    kit.kit()
        .input(CanonicalSyncTopology.ACKNOWLEDGEMENTS, "target.pharmacy.sync.completed")
        .pipeInput("rx1", bytes(acknowledgement));

    SyncReconciliation completed = kit.output(CanonicalSyncTopology.RECONCILIATION).readValue();
    assertEquals(ReconciliationKind.COMPLETED, completed.getKind());
    assertEquals(Duration.ofMinutes(7).toMillis(), completed.getDurationMillis());
  }

  @Test
  void shouldReconcileCompletedFailedOverdueAndStale() {
    rx("rx1", annRx("rx1", 1, "2023-12-01T00:00:00Z", "ph1"));
    String golden = golden("pharmacy/ph1");
    TestOutputTopic<String, SyncReconciliation> out =
        kit.output(CanonicalSyncTopology.RECONCILIATION);
    ack("pharmacy", "prescription", "rx1", 1, "success");
    SyncReconciliation completed = out.readValue();
    assertEquals(ReconciliationKind.COMPLETED, completed.getKind());
    assertEquals("prescription", completed.getEntityType());
    assertEquals(
        Duration.ofMinutes(5).toMillis(),
        completed.getDurationMillis(),
        "ack at 00:05, published at 00:00");

    ack("ehr", "patient", golden, 1, "success");
    ack("portal", "patient", golden, 1, "failed");
    SyncReconciliation failed = out.readValue();
    assertEquals(ReconciliationKind.FAILED, failed.getKind());
    assertEquals(golden, failed.getEntityId());

    rx("rx1", annRx("rx1", 2, "2023-12-02T00:00:00Z", "ph1"));
    ack("pharmacy", "prescription", "rx1", 1, "success");
    assertTrue(out.isEmpty(), "a stale acknowledgement of version 1 does not complete version 2");
    kit.advanceWallClock(Duration.ofMinutes(16));
    // Version 2 of the prescription, and version 2 of the golden patient (its pharmacy source
    // changed with it), are overdue; the superseded, failed patient version 1 is not.
    Map<String, SyncReconciliation> overdue = out.readKeyValuesToMap();
    assertEquals(java.util.Set.of("prescription/rx1", "patient/" + golden), overdue.keySet());
    for (SyncReconciliation item : overdue.values()) {
      assertEquals(ReconciliationKind.OVERDUE, item.getKind());
      assertEquals(2L, item.getVersion());
    }
    assertEquals("pending", overdue.get("prescription/rx1").getTargets().get(0).getStatus());
    assertTrue(out.isEmpty());
  }
}
