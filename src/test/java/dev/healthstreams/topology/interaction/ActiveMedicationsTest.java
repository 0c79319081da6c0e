package dev.healthstreams.topology.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.fhir.DrugCode;
import dev.healthstreams.topology.interaction.ActiveMedications.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActiveMedicationsTest {

  private static final String RXNORM = DrugCode.RXNORM;
  private static final DrugCode WARFARIN = new DrugCode(RXNORM, "855332", "Warfarin 5 MG");
  private static final DrugCode NAPROXEN = new DrugCode(RXNORM, "849574", "Naproxen 220 MG");
  private static final DrugCode IBUPROFEN = new DrugCode(RXNORM, "206905", "Ibuprofen 400 MG");

  private static final ActiveRequest WARFARIN_A = new ActiveRequest("a", "855332", "Warfarin 5 MG");
  private static final ActiveRequest NAPROXEN_B =
      new ActiveRequest("b", "849574", "Naproxen 220 MG");

  @Test
  void shouldAddANewActiveRequestWithNothingToCheckWhenAlone() {
    Outcome outcome = ActiveMedications.EMPTY.apply("a", "active", WARFARIN);

    assertEquals(List.of(WARFARIN_A), outcome.next().requests());
    assertEquals(List.of(), outcome.toCheck());
  }

  @Test
  void shouldCheckANewRequestAgainstEveryOtherActiveRequest() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    Outcome outcome = state.apply("c", "active", IBUPROFEN);

    ActiveRequest ibuprofen = new ActiveRequest("c", "206905", "Ibuprofen 400 MG");
    assertEquals(
        List.of(new CheckPair(ibuprofen, WARFARIN_A), new CheckPair(ibuprofen, NAPROXEN_B)),
        outcome.toCheck());
    assertEquals(List.of(WARFARIN_A, NAPROXEN_B, ibuprofen), outcome.next().requests());
  }

  /** What a record read again after a crash is checked with: the pairs apply gave it. */
  @Test
  void shouldGiveTheSamePairsForAnActiveRequestAsWhenItBecameActive() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));
    Outcome added = state.apply("c", "active", IBUPROFEN);

    assertEquals(added.toCheck(), added.next().pairsOf("c"));
    assertEquals(List.of(), added.next().pairsOf("gone"), "not active: nothing to check");
  }

  @Test
  void shouldCountOnHoldAsActive() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A));

    Outcome outcome = state.apply("b", "on-hold", NAPROXEN);

    assertEquals(List.of(new CheckPair(NAPROXEN_B, WARFARIN_A)), outcome.toCheck());
    assertEquals(List.of(WARFARIN_A, NAPROXEN_B), outcome.next().requests());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"stopped", "completed", "cancelled", "entered-in-error", "draft", "unknown"})
  void shouldRemoveARequestWhoseLatestVersionIsNotActive(String status) {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    Outcome outcome = state.apply("a", status, WARFARIN);

    assertEquals(List.of(NAPROXEN_B), outcome.next().requests());
    assertEquals(List.of(), outcome.toCheck());
  }

  @Test
  void shouldTreatAMissingStatusAsNotActive() {
    Outcome outcome = new ActiveMedications(List.of(WARFARIN_A)).apply("a", null, WARFARIN);

    assertTrue(outcome.next().isEmpty());
  }

  @Test
  void shouldIgnoreAnInactiveVersionOfAnUnknownRequest() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A));

    Outcome outcome = state.apply("z", "stopped", NAPROXEN);

    assertSame(state, outcome.next());
    assertEquals(List.of(), outcome.toCheck());
  }

  @Test
  void shouldGiveNoPairsForAnUnchangedUpdate() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    Outcome outcome = state.apply("b", "active", NAPROXEN);

    assertSame(state, outcome.next());
    assertEquals(List.of(), outcome.toCheck());
  }

  @Test
  void shouldReplaceWithoutPairsWhenOnlyTheDisplayChanges() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));
    DrugCode renamed = new DrugCode(RXNORM, "849574", "Naproxen sodium 220 MG Oral Tablet");

    Outcome outcome = state.apply("b", "on-hold", renamed);

    assertEquals(List.of(), outcome.toCheck());
    assertEquals(
        new ActiveRequest("b", "849574", "Naproxen sodium 220 MG Oral Tablet"),
        outcome.next().requests().get(1));
  }

  @Test
  void shouldReplaceAndCheckAgainWhenTheDrugChanges() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    Outcome outcome = state.apply("b", "active", IBUPROFEN);

    ActiveRequest ibuprofen = new ActiveRequest("b", "206905", "Ibuprofen 400 MG");
    assertEquals(List.of(WARFARIN_A, ibuprofen), outcome.next().requests());
    assertEquals(List.of(new CheckPair(ibuprofen, WARFARIN_A)), outcome.toCheck());
  }

  @Test
  void shouldLeaveTheStateAsItIsForAnActiveRequestWithAnUnresolvedDrug() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    Outcome known = state.apply("b", "active", null);
    Outcome unknown = state.apply("c", "active", null);

    assertSame(state, known.next());
    assertSame(state, unknown.next());
    assertEquals(List.of(), known.toCheck());
    assertEquals(List.of(), unknown.toCheck());
  }

  @Test
  void shouldRemoveAStoppedRequestEvenWhenItsDrugIsUnresolved() {
    ActiveMedications state = new ActiveMedications(List.of(WARFARIN_A, NAPROXEN_B));

    assertEquals(List.of(NAPROXEN_B), state.apply("a", "stopped", null).next().requests());
  }

  @Test
  void shouldKeepADrugOfAnotherSystemApartFromRxNormCodes() {
    DrugCode ndc = new DrugCode("http://hl7.org/fhir/sid/ndc", "849574", null);

    Outcome outcome = ActiveMedications.EMPTY.apply("n", "active", ndc);

    assertEquals(
        List.of(new ActiveRequest("n", "http://hl7.org/fhir/sid/ndc|849574", null)),
        outcome.next().requests());
  }

  @Test
  void shouldRoundTripThroughItsRequestList() {
    ActiveMedications state =
        ActiveMedications.EMPTY
            .apply("b", "active", NAPROXEN)
            .next()
            .apply("a", "active", WARFARIN)
            .next();

    ActiveMedications restored = new ActiveMedications(state.requests());

    assertEquals(state, restored);
    assertEquals(List.of(WARFARIN_A, NAPROXEN_B), restored.requests());
  }

  @Test
  void shouldNotShowDrugsInToString() {
    String text = new ActiveMedications(List.of(WARFARIN_A)).toString();

    assertTrue(text.contains("a"));
    assertTrue(!text.contains("Warfarin") && !text.contains("855332"), text);
  }
}
