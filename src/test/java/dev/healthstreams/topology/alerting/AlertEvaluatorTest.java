package dev.healthstreams.topology.alerting;

import static dev.healthstreams.fhir.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.fhir.ObservationFacts;
import dev.healthstreams.fhir.ObservationReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private static final double TOLERANCE = 1e-9;

  private static final AlertRule TACHYCARDIA =
      rule("tachycardia", "8867-4", Comparator.GT, 120, "/min", Severity.HIGH);
  private static final AlertRule TACHYCARDIA_SEVERE =
      rule("tachycardia-severe", "8867-4", Comparator.GE, 140, "/min", Severity.CRITICAL);
  private static final AlertRule SYSTOLIC_CRISIS =
      rule("systolic-crisis", "8480-6", Comparator.GT, 180, "mm[Hg]", Severity.CRITICAL);
  private static final AlertRule DIASTOLIC_STAGE_2 =
      rule("diastolic-stage-2", "8462-4", Comparator.GE, 90, "mm[Hg]", Severity.HIGH);
  private static final AlertRule HEAVY_IN_POUNDS =
      rule("heavy", "29463-7", Comparator.GT, 220, "[lb_av]", Severity.LOW);
  private static final AlertRule HYPERGLYCEMIA =
      rule("hyperglycemia", "2339-0", Comparator.GT, 250, "mg/dL", Severity.HIGH);
  private static final AlertRule PANEL_WITHOUT_VALUE =
      rule("bp-panel", "85354-9", Comparator.GT, 0, null, Severity.LOW);

  private final ObservationReader reader = new ObservationReader();
  private final AlertEvaluator evaluator =
      new AlertEvaluator(
          new AlertingSettings(
              Set.of("final", "amended", "corrected"),
              Map.of(),
              List.of(
                  TACHYCARDIA,
                  TACHYCARDIA_SEVERE,
                  SYSTOLIC_CRISIS,
                  DIASTOLIC_STAGE_2,
                  HEAVY_IN_POUNDS,
                  HYPERGLYCEMIA,
                  PANEL_WITHOUT_VALUE)),
          UnitConverter.shared());

  @Test
  void shouldFireOnTheObservationCode() {
    Evaluation evaluation = evaluate(Fixtures.heartRate("obs-1", "pat-1", 131));

    assertEquals(1, evaluation.firings().size());
    Evaluation.Firing firing = evaluation.firings().get(0);
    assertEquals(TACHYCARDIA, firing.rule());
    assertEquals("8867-4", firing.matched().code());
    assertEquals(131.0, firing.value());
    assertEquals("/min", firing.unit());
    assertTrue(evaluation.skips().isEmpty());
  }

  @Test
  void shouldListTheMostSevereFiringFirst() {
    // tachycardia (high) is configured before tachycardia-severe (critical); both match 150.
    Evaluation evaluation = evaluate(Fixtures.heartRate("obs-6", "pat-1", 150));

    List<String> fired = evaluation.firings().stream().map(f -> f.rule().id()).toList();
    assertEquals(List.of("tachycardia-severe", "tachycardia"), fired);
  }

  @Test
  void shouldNotFireAtTheThreshold() {
    assertSame(Evaluation.EMPTY, evaluate(Fixtures.heartRate("obs-2", "pat-1", 120)));
  }

  @Test
  void shouldFireOnComponents() {
    Evaluation evaluation = evaluate(Fixtures.bloodPressure("bp-1", "pat-1", 185, 95));

    List<String> fired = evaluation.firings().stream().map(f -> f.rule().id()).toList();
    assertEquals(List.of("systolic-crisis", "diastolic-stage-2"), fired);
    assertEquals(185.0, evaluation.firings().get(0).value());
    assertEquals(95.0, evaluation.firings().get(1).value());
  }

  @Test
  void shouldIgnoreStatusesNotListed() {
    String preliminary =
        Fixtures.observation(
            "obs-3", "pat-1", "preliminary", Fixtures.EFFECTIVE, "8867-4", 180, "/min");

    assertSame(Evaluation.EMPTY, evaluate(preliminary));
  }

  @Test
  void shouldConvertKilogramsToTheRulesPounds() {
    // 100 kg = 220.462 lb (1 lb = 0.45359237 kg): just above 220; 99 kg = 218.3 lb: below.
    Evaluation heavy = evaluate(Fixtures.bodyWeight("w-1", "pat-1", 100, "kg"));
    Evaluation lighter = evaluate(Fixtures.bodyWeight("w-2", "pat-1", 99, "kg"));

    assertEquals(1, heavy.firings().size());
    assertEquals(100 / 0.45359237, heavy.firings().get(0).value(), TOLERANCE);
    assertEquals("[lb_av]", heavy.firings().get(0).unit());
    assertSame(Evaluation.EMPTY, lighter);
  }

  @Test
  void shouldSkipValuesThatCannotBeConverted() {
    String glucoseInMmol =
        Fixtures.observation("glu-1", "pat-1", "final", Fixtures.EFFECTIVE, "2339-0", 20, "mmol/L");

    Evaluation evaluation = evaluate(glucoseInMmol);

    assertTrue(evaluation.firings().isEmpty());
    assertEquals(
        List.of(new Evaluation.Skip("hyperglycemia", "inconvertible-unit")), evaluation.skips());
  }

  @Test
  void shouldDecideEachRuleOnItsFirstMatchingElementOnly() {
    String below = Fixtures.heartRate("obs-4", "pat-1", 80);
    String aboveLater = Fixtures.withComponent(below, "8867-4", 150, "/min");
    String aboveTwice =
        Fixtures.withComponent(Fixtures.heartRate("obs-5", "pat-1", 130), "8867-4", 150, "/min");

    assertSame(Evaluation.EMPTY, evaluate(aboveLater));
    Evaluation twice = evaluate(aboveTwice);
    assertEquals(1, twice.firings().size());
    assertEquals(130.0, twice.firings().get(0).value());
  }

  @Test
  void shouldSkipAMatchingElementWithoutValue() {
    Evaluation evaluation = evaluate(Fixtures.bloodPressure("bp-2", "pat-1", 120, 80));

    assertTrue(evaluation.firings().isEmpty());
    assertEquals(List.of(new Evaluation.Skip("bp-panel", "no-value")), evaluation.skips());
  }

  @Test
  void shouldReturnTheSharedEmptyEvaluationWhenNoRuleConcernsTheObservation() {
    assertSame(Evaluation.EMPTY, evaluate(Fixtures.codedOnly("smoke-1", "pat-1", "72166-2")));
  }

  private Evaluation evaluate(String json) {
    ObservationFacts facts = reader.read(bytes(json));
    return evaluator.evaluate(facts);
  }

  private static AlertRule rule(
      String id, String code, Comparator comparator, double threshold, String unit, Severity s) {
    return new AlertRule(
        id, "http://loinc.org", code, comparator, threshold, unit, s, id, null, null);
  }
}
