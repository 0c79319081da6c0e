package dev.healthstreams.topology.interaction;

import static dev.healthstreams.topology.interaction.MedicationFixtures.ACETAMINOPHEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN_400MG;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SERTRALINE;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN_5MG;
import static dev.healthstreams.topology.interaction.MedicationFixtures.medication;
import static dev.healthstreams.topology.interaction.MedicationFixtures.request;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestByReference;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestNdcFirst;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestWithContained;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.testkit.TopologyKitExtension;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request status transitions, the three ways a request names its drug, and the once-per-pair rule,
 * through the whole topology. Interaction ids and pairs are those of the test knowledge file:
 * warfarin-nsaid (warfarin 11289/855332 with ibuprofen 5640/197806 or naproxen 7258) and ssri-nsaid
 * (sertraline 36437/312938 with the same NSAIDs).
 */
class MedicationInteractionTopologyTest {

  @RegisterExtension static final TopologyKitExtension kit = InteractionTestDriver.extension();

  private InteractionTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = InteractionTestDriver.start(kit);
  }

  @Test
  void shouldAlertWhenASecondActiveRequestInteractsWithTheFirst() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    assertEquals(List.of(), hs.readAlertIds(), "one drug alone interacts with nothing");

    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
    assertTrue(hs.fired("rq-1+rq-2:warfarin-nsaid"));
  }

  @Test
  void shouldNotAlertForDrugsThatDoNotInteract() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", SERTRALINE));
    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", ACETAMINOPHEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(
        List.of("rq-1=" + WARFARIN, "rq-2=" + SERTRALINE, "rq-3=" + ACETAMINOPHEN),
        hs.active("p1"));
  }

  @Test
  void shouldNotPairRequestsOfDifferentPatients() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p2", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p1"));
    assertEquals(List.of("rq-2=" + IBUPROFEN), hs.active("p2"));
  }

  @Test
  void shouldAlertOnEveryInteractionOfTheNewDrugWithTheOthers() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", SERTRALINE));

    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", NAPROXEN));

    assertEquals(List.of("rq-1+rq-3:warfarin-nsaid", "rq-2+rq-3:ssri-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldCountOnHoldAsActive() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "on-hold", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldKeepARequestPutOnHoldActiveWithoutAlertingAgain() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());

    hs.pipeRequest("rq-1", request("rq-1", "p1", "on-hold", WARFARIN));
    assertEquals(List.of(), hs.readAlertIds(), "same drug, only the status changed");
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));

    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", NAPROXEN));
    assertEquals(List.of("rq-1+rq-3:warfarin-nsaid"), hs.readAlertIds());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"stopped", "completed", "cancelled", "entered-in-error", "draft", "unknown"})
  void shouldRemoveARequestThatIsNoLongerActive(String status) {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-0", request("rq-0", "p1", "active", ACETAMINOPHEN));
    assertEquals(List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN), hs.active("p1"));

    hs.pipeRequest("rq-1", request("rq-1", "p1", status, WARFARIN));
    assertEquals(List.of("rq-0=" + ACETAMINOPHEN), hs.active("p1"));

    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-0=" + ACETAMINOPHEN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldDeleteThePatientsEntryWhenTheLastRequestStops() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "stopped", WARFARIN));

    assertEquals(List.of(), hs.active("p1"));
    assertEquals(null, hs.activeStore().get("p1"));
  }

  @Test
  void shouldNotAddARequestFirstSeenStopped() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "completed", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldDropAnInactiveRequestNeverSeenBeforeAnyHopOrWrite() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "stopped", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "completed", "med-ibu"));

    assertEquals(
        List.of(),
        hs.driver.producedTopicNames().stream()
            .filter(
                t ->
                    t.endsWith("-repartition")
                        || t.endsWith("-changelog")
                        || t.contains("subscription"))
            .toList(),
        "no route written, no repartition, no join for requests never active");
    assertNull(routes().get("rq-1"));
    assertNull(routes().get("rq-2"));

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldCheckARequestAgainWhenANewVersionChangesItsDrug() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", ACETAMINOPHEN));
    assertEquals(List.of(), hs.readAlertIds());

    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldReplaceTheOldDrugOfARequestSoThatItNoLongerPairs() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", IBUPROFEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", ACETAMINOPHEN));

    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", WARFARIN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + ACETAMINOPHEN, "rq-2=" + WARFARIN), hs.active("p1"));
  }

  @Test
  void shouldNotAlertAgainForAnUnchangedUpdateOrARedelivery() {
    String warfarin = request("rq-1", "p1", "active", WARFARIN);
    String ibuprofen = request("rq-2", "p1", "active", IBUPROFEN);
    hs.pipeRequest("rq-1", warfarin);
    hs.pipeRequest("rq-2", ibuprofen);
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());

    hs.pipeRequest("rq-2", ibuprofen); // re-delivered as it was
    hs.pipeRequest("rq-1", warfarin);
    hs.pipeRequest("rq-2", MedicationFixtures.withField(ibuprofen, "authoredOn", "2024-05-03"));
    hs.pipeRequest("rq-2", requestNdcFirst("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldAlertOnceWhenTheSameRequestIsPipedTwice() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    String ibuprofen = request("rq-2", "p1", "active", IBUPROFEN);

    hs.pipeRequest("rq-2", ibuprofen);
    hs.pipeRequest("rq-2", ibuprofen);

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldNeverFireAPairTwiceEvenAfterOneSideIsStoppedAndReactivated() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());

    hs.pipeRequest("rq-2", request("rq-2", "p1", "stopped", IBUPROFEN));
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p1"));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "on-hold", WARFARIN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "cancelled", WARFARIN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
    // The once-ever rule is per pair of requests: a new request of the same drug is a new pair.
    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", IBUPROFEN_400MG));
    assertEquals(List.of("rq-1+rq-3:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldMatchTheRxNormCodingWhenAnotherCodingComesFirst() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN_5MG));
    hs.pipeRequest("rq-2", requestNdcFirst("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldResolveADrugNamedByAMedicationThatArrivedFirst() {
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN_400MG));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));

    var alerts = hs.readAlerts();
    assertEquals(
        List.of("rq-1+rq-2:warfarin-nsaid"), alerts.stream().map(a -> a.getAlertId()).toList());
    assertEquals(IBUPROFEN_400MG, alerts.get(0).getRequestB().getDrugCode());
    assertEquals("ibuprofen 400 MG Oral Tablet", alerts.get(0).getRequestB().getDrugDisplay());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN_400MG), hs.active("p1"));
  }

  @Test
  void shouldAlertOnlyOnceTheReferencedMedicationArrivesAndExactlyOnce() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    assertEquals(List.of(), hs.readAlertIds(), "the drug of rq-2 is not known yet");
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p1"));

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN)); // re-delivered
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    assertEquals(List.of(), hs.readAlertIds());
  }

  @Test
  void shouldResolveEveryRequestReferencingALateMedication() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    hs.pipeRequest("rq-3", request("rq-3", "p2", "active", SERTRALINE));
    hs.pipeRequest("rq-4", requestByReference("rq-4", "p2", "active", "med-ibu"));

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    assertEquals(
        List.of("rq-1+rq-2:warfarin-nsaid", "rq-3+rq-4:ssri-nsaid"),
        hs.readAlertIds().stream().sorted().toList());
  }

  @Test
  void shouldCheckAgainWhenTheReferencedMedicationChangesItsDrug() {
    hs.pipeMedication("med-x", medication("med-x", ACETAMINOPHEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-x"));
    assertEquals(List.of(), hs.readAlertIds());

    hs.pipeMedication("med-x", medication("med-x", NAPROXEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldNotAddAStoppedRequestWhenItsMedicationArrives() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "stopped", "med-ibu"));

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p1"));
  }

  @Test
  void shouldSendOnlyRequestsNamingAMedicationResourceThroughTheForeignKeyJoin() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestWithContained("rq-2", "p1", "active", "med1", NAPROXEN));
    assertFalse(joinWasUsed(), "these requests name their drug themselves");

    hs.pipeRequest("rq-3", requestByReference("rq-3", "p1", "active", "med-ibu"));

    assertTrue(joinWasUsed());
  }

  @Test
  void shouldKeepTheLatestVersionWhenARequestStopsNamingAMedicationResource() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-x"));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", SERTRALINE));

    hs.pipeMedication("med-x", medication("med-x", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds(), "rq-2 no longer names med-x");
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + SERTRALINE), hs.active("p1"));
  }

  @Test
  void shouldForgetADeletedRequestThatNamedAMedicationResource() {
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.pipeRequest("rq-1", requestByReference("rq-1", "p1", "active", "med-ibu"));
    hs.requests.pipeInput("rq-1", (String) null);
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", WARFARIN));
    assertEquals(List.of(), hs.readAlertIds(), "the deleted ibuprofen request is no longer active");

    hs.pipeMedication("med-ibu", medication("med-ibu", NAPROXEN));

    assertEquals(List.of(), hs.readAlertIds(), "a changed Medication does not revive it");
    assertEquals(List.of("rq-2=" + WARFARIN), hs.active("p1"));
  }

  @Test
  void shouldResolveARequestThatStartsNamingAMedicationResource() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", SERTRALINE));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", ACETAMINOPHEN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    assertEquals(List.of(), hs.readAlertIds());

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:ssri-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + SERTRALINE, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldMoveARequestNamingAMedicationResourceToAnotherPatient() {
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.pipeRequest("rq-1", requestByReference("rq-1", "p1", "active", "med-ibu"));
    hs.pipeRequest("rq-1", requestByReference("rq-1", "p2", "active", "med-ibu"));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", WARFARIN));

    assertEquals(List.of(), hs.readAlertIds(), "p1 no longer takes ibuprofen");
    assertEquals(List.of("rq-1=" + IBUPROFEN), hs.active("p2"));
    assertEquals(List.of("rq-2=" + WARFARIN), hs.active("p1"));
  }

  @Test
  void shouldIgnoreADeleteOfAnUnknownRequestAndARepeatedDelete() {
    hs.requests.pipeInput("rq-never", (String) null);
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    for (int i = 0; i < 2; i++) {
      hs.requests.pipeInput("rq-1", (String) null);
      hs.requests.pipeInput("rq-2", (String) null);
    }

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(List.of(), hs.active("p1"));
    assertNull(routes().get("rq-never"));
    assertTrue(hs.deadLetters.isEmpty(), "a delete is not bad input");
  }

  @Test
  void shouldRememberOnlyRequestsThatAreAssignedOrTookTheJoin() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "active", "med-ibu"));
    assertEquals(new RequestRoute("p1", false), routes().get("rq-1"));
    assertEquals(new RequestRoute("p1", true), routes().get("rq-2"));

    hs.requests.pipeInput("rq-1", (String) null);
    hs.requests.pipeInput("rq-2", (String) null);

    assertNull(routes().get("rq-1"));
    assertEquals(new RequestRoute(null, true), routes().get("rq-2"));
  }

  @Test
  void shouldResolveADrugNamedByAContainedMedication() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    hs.pipeRequest("rq-2", requestWithContained("rq-2", "p1", "active", "med1", NAPROXEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertEquals(List.of("rq-1=" + WARFARIN, "rq-2=" + NAPROXEN), hs.active("p1"));
  }

  @Test
  void shouldNotMistakeAContainedIdForATopLevelMedication() {
    // A Medication whose id equals the contained one names another drug: "#med1" is not it.
    hs.pipeMedication("med1", medication("med1", ACETAMINOPHEN));
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));

    hs.pipeRequest("rq-2", requestWithContained("rq-2", "p1", "active", "med1", IBUPROFEN));

    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
    assertFalse(hs.active("p1").contains("rq-2=" + ACETAMINOPHEN));
  }

  @Test
  void shouldForgetADeletedRequest() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.requests.pipeInput("rq-1", (String) null);
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds(), "the deleted warfarin request is no longer active");
    assertEquals(List.of("rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldMoveARequestGivenToAnotherPatient() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-1", request("rq-1", "p2", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds(), "p1 no longer takes warfarin");
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p2"));
    assertEquals(List.of("rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldTakeTheCorrelationIdFromTheHeaderOfABareRequest() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.requests.pipeInput(
        new org.apache.kafka.streams.test.TestRecord<>(
            "rq-2",
            request("rq-2", "p1", "active", IBUPROFEN),
            new org.apache.kafka.common.header.internals.RecordHeaders()
                .add(
                    "correlation-id",
                    "corr-42".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    List<dev.healthstreams.avro.MedicationInteractionAlert> alerts = hs.readAlerts();
    assertEquals(1, alerts.size());
    assertEquals("corr-42", alerts.get(0).getMetadata().getCorrelationId());
  }

  private boolean joinWasUsed() {
    return hs.driver.producedTopicNames().stream()
        .anyMatch(topic -> topic.endsWith("resolve-medication-subscription-registration-topic"));
  }

  private KeyValueStore<String, RequestRoute> routes() {
    return hs.driver.getKeyValueStore(RequestRouter.STORE);
  }
}
