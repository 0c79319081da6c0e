package dev.healthstreams.topology.interaction;

import static dev.healthstreams.topology.interaction.InteractionTestDriver.START;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SERTRALINE;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.medication;
import static dev.healthstreams.topology.interaction.MedicationFixtures.request;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestByReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.avro.EventMetadata;
import dev.healthstreams.avro.InteractionSeverity;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.avro.PrescribedDrug;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an interaction alert says: its id and pair order, the interaction as the knowledge file
 * words it, the patient, the key and the event metadata. Expected texts are copied from
 * src/test/resources/interaction/knowledge.yaml.
 */
class InteractionAlertContentTopologyTest {

  private static final String TOPOLOGY = "medication-interaction";

  @RegisterExtension static final TopologyKitExtension kit = InteractionTestDriver.extension();

  private InteractionTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = InteractionTestDriver.start(kit);
  }

  @Test
  void shouldNameTheLowerRequestIdFirstWhicheverArrivedSecond() {
    hs.pipeRequest("rq-b", request("rq-b", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-a", request("rq-a", "p1", "active", IBUPROFEN));

    MedicationInteractionAlert alert = onlyAlert();

    assertEquals("rq-a+rq-b:warfarin-nsaid", alert.getAlertId());
    assertEquals(new PrescribedDrug("rq-a", IBUPROFEN, "ibuprofen"), alert.getRequestA());
    assertEquals(new PrescribedDrug("rq-b", WARFARIN, "warfarin"), alert.getRequestB());
    assertEquals("warfarin-nsaid", alert.getInteractionId());
  }

  @Test
  void shouldOrderRequestIdsAsStringsNotAsNumbers() {
    hs.pipeRequest("rq-9", request("rq-9", "p1", "active", NAPROXEN));
    hs.pipeRequest("rq-10", request("rq-10", "p1", "active", WARFARIN));

    MedicationInteractionAlert alert = onlyAlert();

    assertEquals("rq-10+rq-9:warfarin-nsaid", alert.getAlertId());
    assertEquals("rq-10", alert.getRequestA().getRequestId());
    assertEquals(WARFARIN, alert.getRequestA().getDrugCode());
    assertEquals("rq-9", alert.getRequestB().getRequestId());
    assertEquals(NAPROXEN, alert.getRequestB().getDrugCode());
  }

  @Test
  void shouldCarryTheSeverityAndTextsOfTheInteraction() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    MedicationInteractionAlert alert = onlyAlert();

    assertEquals(InteractionSeverity.MAJOR, alert.getSeverity());
    assertEquals("NSAIDs add to the bleeding risk of warfarin", alert.getDescription());
    assertEquals(
        "Avoid the combination; if unavoidable, monitor INR and for bleeding",
        alert.getManagement());
    assertEquals("Test compendium, warfarin monograph", alert.getSource());
    assertEquals(
        1.0,
        hs.count("healthstreams.interaction.alerts", "topology", TOPOLOGY, "severity", "major"));
  }

  @Test
  void shouldLeaveManagementAndSourceEmptyWhenTheKnowledgeGivesNone() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", SERTRALINE));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", NAPROXEN));

    MedicationInteractionAlert alert = onlyAlert();

    assertEquals("rq-1+rq-2:ssri-nsaid", alert.getAlertId());
    assertEquals(InteractionSeverity.MODERATE, alert.getSeverity());
    assertEquals(
        "SSRIs with NSAIDs raise the risk of gastrointestinal bleeding", alert.getDescription());
    assertNull(alert.getManagement());
    assertNull(alert.getSource());
    assertEquals(
        1.0,
        hs.count("healthstreams.interaction.alerts", "topology", TOPOLOGY, "severity", "moderate"));
  }

  @Test
  void shouldEnrichWithAPatientKnownFirstAndKeyByPatient() {
    hs.pipePatient("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    TestRecord<String, MedicationInteractionAlert> record = hs.alerts.readRecord();
    MedicationInteractionAlert alert = record.value();

    assertEquals("p1", record.key());
    assertEquals("p1", alert.getPatientId());
    assertEquals("Ada Lovelace", alert.getPatientName());
    assertEquals("MRN-1", alert.getPatientMrn());
    assertEquals("1815-12-10", alert.getPatientBirthDate());
    assertEquals(List.of(), hs.readAlertIds());
  }

  @Test
  void shouldAlertWithoutPatientDetailsWhenThePatientIsUnknown() {
    hs.pipePatient("p2", Fixtures.patient("p2", "Grace", "Hopper", "MRN-2", "1906-12-09"));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    TestRecord<String, MedicationInteractionAlert> record = hs.alerts.readRecord();
    MedicationInteractionAlert alert = record.value();

    assertEquals("p1", record.key());
    assertEquals("p1", alert.getPatientId());
    assertNull(alert.getPatientName());
    assertNull(alert.getPatientMrn());
    assertNull(alert.getPatientBirthDate());
  }

  @Test
  void shouldTakeTheCorrelationIdFromTheEnvelopeOfTheRequestThatCompletedThePair() {
    Instant arrival = START.plus(Duration.ofMinutes(3));
    hs.pipeRequest(
        "rq-1", Fixtures.enveloped(request("rq-1", "p1", "active", WARFARIN), "corr-first"));
    hs.pipeRequest(
        "rq-2", Fixtures.enveloped(request("rq-2", "p1", "active", IBUPROFEN), "corr-42"), arrival);

    MedicationInteractionAlert alert = onlyAlert();
    EventMetadata metadata = alert.getMetadata();

    assertEquals("rq-1+rq-2:warfarin-nsaid", alert.getAlertId());
    assertEquals("corr-42", metadata.getCorrelationId());
    assertEquals("MedicationRequest/rq-2", metadata.getCausationId());
    assertEquals("MedicationInteractionAlert", metadata.getEventType());
    assertEquals("healthstreams/medication-interaction", metadata.getEventSource());
    assertEquals(arrival, metadata.getTimestamp());
    assertEquals(1, metadata.getVersion());
    assertEquals(
        UUID.nameUUIDFromBytes("rq-1+rq-2:warfarin-nsaid".getBytes(StandardCharsets.UTF_8))
            .toString(),
        metadata.getEventId());
  }

  @Test
  void shouldFallBackToTheCausationForTheCorrelationIdOfABareRequest() {
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    EventMetadata metadata = onlyAlert().getMetadata();

    assertEquals("MedicationRequest/rq-1", metadata.getCorrelationId());
    assertEquals("MedicationRequest/rq-1", metadata.getCausationId());
  }

  @Test
  void shouldKeepTheRequestsCorrelationIdWhenItsMedicationArrivesLater() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest(
        "rq-2",
        Fixtures.enveloped(requestByReference("rq-2", "p1", "active", "med-ibu"), "corr-7"));
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    MedicationInteractionAlert alert = onlyAlert();

    assertEquals("rq-1+rq-2:warfarin-nsaid", alert.getAlertId());
    assertEquals("corr-7", alert.getMetadata().getCorrelationId());
    assertEquals("MedicationRequest/rq-2", alert.getMetadata().getCausationId());
    assertEquals(new PrescribedDrug("rq-2", IBUPROFEN, "ibuprofen"), alert.getRequestB());
  }

  private MedicationInteractionAlert onlyAlert() {
    List<MedicationInteractionAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
    return alerts.get(0);
  }
}
