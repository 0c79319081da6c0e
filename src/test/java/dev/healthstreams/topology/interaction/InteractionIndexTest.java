package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionIndexTest {

  private static final DrugGroup WARFARIN = group("warfarin", "11289", "855332");
  private static final DrugGroup NSAID = group("nsaid", "5640", "206905", "849574");
  private static final DrugGroup SSRI = group("ssri", "4493", "310385");
  // Fluoxetine is an SSRI and a strong CYP2D6 inhibitor: a code in two groups.
  private static final DrugGroup CYP2D6 = group("cyp2d6", "310385", "42347");
  private static final DrugGroup TAMOXIFEN = group("tamoxifen", "198240");

  private static final Interaction WARFARIN_NSAID = interaction("warfarin-nsaid", WARFARIN, NSAID);
  private static final Interaction SSRI_NSAID = interaction("ssri-nsaid", SSRI, NSAID);
  private static final Interaction TAMOXIFEN_CYP2D6 =
      interaction("tamoxifen-cyp2d6", TAMOXIFEN, CYP2D6);
  private static final Interaction TAMOXIFEN_SSRI = interaction("tamoxifen-ssri", TAMOXIFEN, SSRI);

  private final InteractionIndex index =
      new InteractionIndex(List.of(WARFARIN_NSAID, SSRI_NSAID, TAMOXIFEN_CYP2D6, TAMOXIFEN_SSRI));

  @Test
  void shouldFindAnInteractionInEitherOrientation() {
    assertEquals(List.of(WARFARIN_NSAID), index.between("855332", "849574"));
    assertEquals(List.of(WARFARIN_NSAID), index.between("849574", "855332"));
  }

  @Test
  void shouldFindNothingForCodesThatDoNotInteract() {
    assertEquals(List.of(), index.between("855332", "310385"));
    assertEquals(List.of(), index.between("855332", "unknown"));
    assertEquals(List.of(), index.between(null, "855332"));
  }

  @Test
  void shouldFindEveryInteractionOfACodeInSeveralGroups() {
    List<Interaction> found = index.between("198240", "310385");

    assertEquals(Set.of(TAMOXIFEN_CYP2D6, TAMOXIFEN_SSRI), Set.copyOf(found));
    assertEquals(2, found.size());
  }

  @Test
  void shouldNotMatchTwoCodesOfTheSameSideOnly() {
    // Both are NSAIDs: warfarin-nsaid needs one warfarin and one NSAID.
    assertEquals(List.of(), index.between("5640", "849574"));
  }

  @Test
  void shouldCountAnInteractionOnceWhenBothGroupsHoldBothCodes() {
    DrugGroup left = group("left", "1", "2");
    DrugGroup right = group("right", "2", "1");
    Interaction both = interaction("both", left, right);

    assertEquals(List.of(both), new InteractionIndex(List.of(both)).between("1", "2"));
  }

  @Test
  void shouldMatchTwoDrugsOfOneGroupWhenAnInteractionPairsTheGroupWithItself() {
    DrugGroup opioids = group("opioid", "7804", "4337");
    Interaction duplication = interaction("opioid-duplication", opioids, opioids);
    InteractionIndex selfIndex = new InteractionIndex(List.of(duplication));

    assertEquals(List.of(duplication), selfIndex.between("7804", "4337"));
    assertEquals(List.of(), selfIndex.between("7804", "1"));
  }

  @Test
  void shouldKeepTheLaterOfTwoInteractionsWithTheSameId() {
    Interaction updated =
        new Interaction(
            "warfarin-nsaid", WARFARIN, NSAID, InteractionSeverity.MODERATE, "x", null, null);

    InteractionIndex replaced = new InteractionIndex(List.of(WARFARIN_NSAID, updated));

    assertEquals(List.of(updated), replaced.between("855332", "5640"));
    assertEquals(1, replaced.size());
  }

  @Test
  void shouldTellWhichCodesInteractWithAnything() {
    assertTrue(index.involves("42347"));
    assertFalse(index.involves("314076"));
    assertEquals(4, index.size());
  }

  @Test
  void shouldFindNothingInTheEmptyIndex() {
    assertEquals(List.of(), InteractionIndex.EMPTY.between("855332", "849574"));
    assertEquals(0, InteractionIndex.EMPTY.size());
  }

  @Test
  void shouldFindTheShippedWarfarinNsaidInteractionForSyntheaCodes() {
    InteractionIndex shipped = KnowledgeFile.load(KnowledgeFile.DEFAULT_LOCATION).index();

    // Warfarin Sodium 5 MG Oral Tablet and Naproxen sodium 220 MG Oral Tablet, as in the sample.
    List<String> ids = shipped.between("855332", "849574").stream().map(Interaction::id).toList();

    assertEquals(List.of("warfarin-nsaid"), ids);
  }

  static DrugGroup group(String id, String... codes) {
    return new DrugGroup(id, id, Set.of(codes));
  }

  static Interaction interaction(String id, DrugGroup a, DrugGroup b) {
    return new Interaction(id, a, b, InteractionSeverity.MAJOR, "description of " + id, null, null);
  }
}
