package dev.healthstreams.topology.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitConverterTest {

  private static final double TOLERANCE = 1e-9;
  private final UnitConverter converter = UnitConverter.shared();

  // Expected values from the unit definitions: 1 [lb_av] = 0.45359237 kg exactly;
  // F = C * 9/5 + 32; 1 mg/dL = 0.01 g/L; 1 /min = 1/60 /s.
  @ParameterizedTest
  @CsvSource({
    "100, kg, [lb_av], 220.46226218487758",
    "220.46226218487758, [lb_av], kg, 100",
    "37, Cel, [degF], 98.6",
    "98.6, [degF], Cel, 37",
    "-40, Cel, [degF], -40",
    "0, Cel, K, 273.15",
    "0, Cel, [degF], 32",
    "180, mg/dL, g/L, 1.8",
    "120, /min, /s, 2",
    "1.2, g/dL, g/L, 12"
  })
  void shouldConvertBetweenCompatibleUnits(double value, String from, String to, double expected) {
    OptionalDouble converted = converter.convert(value, from, to);

    assertTrue(converted.isPresent(), from + " -> " + to);
    assertEquals(expected, converted.getAsDouble(), TOLERANCE);
  }

  @ParameterizedTest
  @CsvSource({"mmol/L, mg/dL", "kg, /min", "Cel, kg", "not-a-unit, kg"})
  void shouldNotConvertIncompatibleOrUnknownUnits(String from, String to) {
    assertTrue(converter.convert(5.5, from, to).isEmpty());
    // Cached negative answers must stay negative.
    assertTrue(converter.convert(5.5, from, to).isEmpty());
  }

  @Test
  void shouldReturnTheValueAsIsForEqualUnits() {
    assertEquals(OptionalDouble.of(131.5), converter.convert(131.5, "/min", "/min"));
  }

  @Test
  void shouldNotConvertAValueWithoutUnit() {
    assertTrue(converter.convert(5, null, "kg").isEmpty());
  }

  @Test
  void shouldGiveTheSameAnswerFromTheCache() {
    double first = converter.convert(70, "kg", "[lb_av]").getAsDouble();
    double second = converter.convert(70, "kg", "[lb_av]").getAsDouble();

    assertEquals(70 / 0.45359237, first, TOLERANCE);
    assertEquals(first, second);
  }

  @Test
  void shouldValidateUcumCodes() {
    assertTrue(converter.isValidUnit("mm[Hg]"));
    assertTrue(converter.isValidUnit("/min"));
    assertTrue(converter.isValidUnit("mmol/L"));
    assertTrue(converter.isValidUnit("%"));
    assertFalse(converter.isValidUnit("bpm"));
    assertFalse(converter.isValidUnit(""));
    assertFalse(converter.isValidUnit(null));
  }
}
