package dev.healthstreams.topology.interaction;

import static dev.healthstreams.topology.interaction.MedicationFixtures.ACETAMINOPHEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SERTRALINE;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.medication;
import static dev.healthstreams.topology.interaction.MedicationFixtures.request;
import static dev.healthstreams.topology.interaction.MedicationFixtures.requestByReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.serde.MockSchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on the same state directory: active medications, fired pairs, the Medication and
 * patient tables carry over. Each driver is closed the way KafkaStreams closes (stores flushed and
 * checkpointed, directory kept), see {@link InteractionTestDriver#closeKeepingState}; the knowledge
 * seeds are piped again at start, as the runtime publishes them.
 */
class InteractionRestartTopologyTest {

  private static final String SCOPE = "InteractionRestartTopologyTest";

  private static final String WARFARIN_RQ = request("rq-1", "p1", "active", WARFARIN);
  private static final String IBUPROFEN_RQ = requestByReference("rq-2", "p1", "active", "med-ibu");

  @TempDir Path stateDir;
  @TempDir Path scratch;
  private InteractionTestDriver hs;

  @BeforeEach
  void startWithAFiredPair() {
    hs = InteractionTestDriver.start(SCOPE, stateDir);
    // Every store of both tasks is written before the restart: under exactly-once a store never
    // written to has no checkpointed offset, and the task's local state would be thrown away (a
    // full restore from the changelogs, which TopologyTestDriver cannot do).
    hs.pipePatient("p1", Fixtures.patient("p1", "Ada", "Lovelace", "MRN-1", "1815-12-10"));
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.pipeRequest("rq-0", request("rq-0", "p1", "active", ACETAMINOPHEN));
    hs.pipeRequest("rq-1", WARFARIN_RQ);
    hs.pipeRequest("rq-2", IBUPROFEN_RQ);
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds());
  }

  @AfterEach
  void closeDriver() {
    if (hs != null) {
      hs.close();
    }
  }

  @AfterAll
  static void dropRegistry() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldKeepTheActiveMedicationsAcrossARestart() throws Exception {
    restart();

    assertEquals(
        List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
    assertTrue(hs.fired("rq-1+rq-2:warfarin-nsaid"));
  }

  @Test
  void shouldNotAlertAgainForARequestRedeliveredAfterARestart() throws Exception {
    restart();

    hs.pipeRequest("rq-2", IBUPROFEN_RQ);
    hs.pipeRequest("rq-1", WARFARIN_RQ);
    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));

    assertEquals(List.of(), hs.readAlertIds());
  }

  @Test
  void shouldNotFireAPairFromBeforeTheRestartWhenOneSideIsReactivated() throws Exception {
    restart();

    hs.pipeRequest("rq-2", requestByReference("rq-2", "p1", "stopped", "med-ibu"));
    hs.pipeRequest("rq-2", IBUPROFEN_RQ);

    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(
        List.of("rq-0=" + ACETAMINOPHEN, "rq-1=" + WARFARIN, "rq-2=" + IBUPROFEN), hs.active("p1"));
  }

  @Test
  void shouldPairANewRequestWithOnesFromBeforeTheRestart() throws Exception {
    restart();

    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", SERTRALINE));

    List<MedicationInteractionAlert> alerts = hs.readAlerts();
    assertEquals(
        List.of("rq-2+rq-3:ssri-nsaid"),
        alerts.stream().map(MedicationInteractionAlert::getAlertId).toList());
    assertEquals("Ada Lovelace", alerts.get(0).getPatientName(), "the patient table survived");
  }

  @Test
  void shouldResolveANewRequestWithAMedicationFromBeforeTheRestart() throws Exception {
    restart();

    hs.pipeRequest("rq-4", request("rq-4", "p2", "active", WARFARIN));
    hs.pipeRequest("rq-5", requestByReference("rq-5", "p2", "active", "med-ibu"));

    assertEquals(List.of("rq-4+rq-5:warfarin-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldRemoveRequestsDeletedOrMovedAfterARestart() throws Exception {
    restart();

    hs.requests.pipeInput("rq-0", (String) null); // named its drug itself
    hs.pipeRequest("rq-1", request("rq-1", "p2", "active", WARFARIN)); // moved to p2
    hs.requests.pipeInput("rq-2", (String) null); // went through the Medication join

    assertEquals(List.of(), hs.active("p1"), "each request's patient survived the restart");
    assertEquals(List.of("rq-1=" + WARFARIN), hs.active("p2"));
  }

  /** The control: without the state directory the same re-delivery alerts again. */
  @Test
  void shouldAlertAgainWhenTheStateDirectoryIsLost() {
    hs.close(); // TopologyTestDriver.close() wipes the state directory
    hs = null;
    hs = InteractionTestDriver.start(SCOPE, stateDir);

    hs.pipeMedication("med-ibu", medication("med-ibu", IBUPROFEN));
    hs.pipeRequest("rq-1", WARFARIN_RQ);
    hs.pipeRequest("rq-2", IBUPROFEN_RQ);
    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", NAPROXEN));

    assertEquals(
        List.of("rq-1+rq-2:warfarin-nsaid", "rq-1+rq-3:warfarin-nsaid"), hs.readAlertIds());
  }

  private void restart() throws Exception {
    hs.closeKeepingState(scratch);
    hs = null;
    try (var files = Files.list(stateDir)) {
      assertTrue(files.findAny().isPresent(), "the state directory survived the close");
    }
    hs = InteractionTestDriver.start(SCOPE, stateDir);
  }
}
