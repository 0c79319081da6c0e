package dev.healthstreams.topology.interaction;

import static dev.healthstreams.topology.interaction.MedicationFixtures.ACETAMINOPHEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.IBUPROFEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.NAPROXEN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SERTRALINE;
import static dev.healthstreams.topology.interaction.MedicationFixtures.SUMATRIPTAN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.WARFARIN;
import static dev.healthstreams.topology.interaction.MedicationFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.healthstreams.avro.KnowledgeInteraction;
import dev.healthstreams.avro.MedicationInteractionAlert;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The knowledge topic changed while running: records added, replaced and tombstoned. */
class InteractionKnowledgeTopologyTest {

  private static final DrugGroup SSRIS = new DrugGroup("ssris", "SSRIs", Set.of(SERTRALINE));
  private static final DrugGroup TRIPTANS =
      new DrugGroup("triptans", "Triptans", Set.of(SUMATRIPTAN));
  private static final DrugGroup VKA =
      new DrugGroup("vitamin-k-antagonists", "Vitamin K antagonists", Set.of(WARFARIN));
  private static final DrugGroup NSAIDS =
      new DrugGroup("nsaids", "NSAIDs", Set.of(IBUPROFEN, NAPROXEN));

  @RegisterExtension static final TopologyKitExtension kit = InteractionTestDriver.extension();

  private InteractionTestDriver hs;

  @BeforeEach
  void startDriver() {
    hs = InteractionTestDriver.start(kit);
  }

  @Test
  void shouldHoldTheSeededKnowledgeInTheGlobalStore() {
    assertEquals(Set.of("warfarin-nsaid", "ssri-nsaid"), knowledgeIds());
    KnowledgeInteraction seeded = knowledgeStore().get("warfarin-nsaid");
    assertEquals(List.of("11289", "855332"), seeded.getGroupA().getRxnorm());
    assertEquals(List.of("197806", "5640", "7258"), seeded.getGroupB().getRxnorm());
  }

  @Test
  void shouldPairDrugsOfAnInteractionAddedAtRuntime() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", SERTRALINE));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", SUMATRIPTAN));
    assertEquals(List.of(), hs.readAlertIds(), "not an interaction of the seeded knowledge");

    hs.pipeKnowledge(
        new Interaction(
            "ssri-triptan",
            SSRIS,
            TRIPTANS,
            InteractionSeverity.MAJOR,
            "Serotonin syndrome risk",
            "Monitor for serotonin toxicity",
            "Runtime source"));
    hs.pipeRequest("rq-3", request("rq-3", "p2", "active", SUMATRIPTAN));
    hs.pipeRequest("rq-4", request("rq-4", "p2", "active", SERTRALINE));

    List<MedicationInteractionAlert> alerts = hs.readAlerts();
    assertEquals(
        List.of("rq-3+rq-4:ssri-triptan"),
        alerts.stream().map(MedicationInteractionAlert::getAlertId).toList());
    assertEquals("Serotonin syndrome risk", alerts.get(0).getDescription());
    assertEquals(dev.healthstreams.avro.InteractionSeverity.MAJOR, alerts.get(0).getSeverity());
    assertEquals(Set.of("warfarin-nsaid", "ssri-nsaid", "ssri-triptan"), knowledgeIds());
  }

  @Test
  void shouldNotAlertForAnInteractionTombstonedAtRuntime() {
    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", IBUPROFEN));
    assertEquals(List.of("rq-1+rq-2:warfarin-nsaid"), hs.readAlertIds(), "the control");

    hs.removeKnowledge("warfarin-nsaid");
    hs.pipeRequest("rq-3", request("rq-3", "p2", "active", WARFARIN));
    hs.pipeRequest("rq-4", request("rq-4", "p2", "active", IBUPROFEN));
    assertEquals(List.of(), hs.readAlertIds());
    assertEquals(Set.of("ssri-nsaid"), knowledgeIds());

    // The other interaction is untouched.
    hs.pipeRequest("rq-5", request("rq-5", "p2", "active", SERTRALINE));
    assertEquals(List.of("rq-4+rq-5:ssri-nsaid"), hs.readAlertIds());
  }

  @Test
  void shouldUseAReplacedInteractionForNewPairs() {
    hs.pipeKnowledge(
        new Interaction(
            "warfarin-nsaid",
            VKA,
            new DrugGroup("nsaids", "NSAIDs and paracetamol", Set.of(IBUPROFEN, ACETAMINOPHEN)),
            InteractionSeverity.CONTRAINDICATED,
            "Replaced text",
            null,
            null));

    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", ACETAMINOPHEN));
    hs.pipeRequest("rq-3", request("rq-3", "p1", "active", NAPROXEN));

    List<MedicationInteractionAlert> alerts = hs.readAlerts();
    assertEquals(
        List.of("rq-1+rq-2:warfarin-nsaid"),
        alerts.stream().map(MedicationInteractionAlert::getAlertId).toList(),
        "acetaminophen joined the group, naproxen left it");
    MedicationInteractionAlert alert = alerts.get(0);
    assertEquals(dev.healthstreams.avro.InteractionSeverity.CONTRAINDICATED, alert.getSeverity());
    assertEquals("Replaced text", alert.getDescription());
    assertNull(alert.getManagement());
    assertNull(alert.getSource());
  }

  @Test
  void shouldAlertOncePerInteractionWhenTwoInteractionsMatchOnePair() {
    hs.pipeKnowledge(
        new Interaction(
            "warfarin-ibuprofen-gi",
            VKA,
            new DrugGroup("ibuprofen", "Ibuprofen", Set.of(IBUPROFEN)),
            InteractionSeverity.MINOR,
            "A second, narrower interaction",
            null,
            null));

    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", IBUPROFEN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", WARFARIN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", WARFARIN));

    assertEquals(
        List.of("rq-1+rq-2:warfarin-ibuprofen-gi", "rq-1+rq-2:warfarin-nsaid"),
        hs.readAlertIds().stream().sorted().toList());
  }

  @Test
  void shouldPairTwoDrugsOfOneGroupForADuplicationInteraction() {
    hs.pipeKnowledge(
        new Interaction(
            "nsaid-duplication",
            NSAIDS,
            NSAIDS,
            InteractionSeverity.MODERATE,
            "Two NSAIDs at once",
            null,
            null));

    hs.pipeRequest("rq-1", request("rq-1", "p1", "active", IBUPROFEN));
    hs.pipeRequest("rq-2", request("rq-2", "p1", "active", NAPROXEN));

    assertEquals(List.of("rq-1+rq-2:nsaid-duplication"), hs.readAlertIds());
  }

  private KeyValueStore<String, KnowledgeInteraction> knowledgeStore() {
    return hs.driver.getKeyValueStore(MedicationInteractionTopology.KNOWLEDGE_STORE);
  }

  private Set<String> knowledgeIds() {
    Set<String> ids = new java.util.HashSet<>();
    try (var all = knowledgeStore().all()) {
      all.forEachRemaining(entry -> ids.add(entry.key));
    }
    return ids;
  }
}
