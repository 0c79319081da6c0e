package dev.healthstreams.topology.alerting;

import java.util.Map;

/**
 * Conversions between temperature scales. The FHIR UCUM library refuses units with an offset from
 * zero ("Not handled yet (special unit with offset...)"), yet body temperatures arrive in both Cel
 * and [degF], so these few are defined here, each as an affine map to kelvin.
 */
final class Temperatures {

  private static final double FIVE_NINTHS = 5.0 / 9.0;
  private static final Map<String, UnitConverter.AffineMap> TO_KELVIN =
      Map.of(
          "K", new UnitConverter.AffineMap(1.0, 0.0),
          "Cel", new UnitConverter.AffineMap(1.0, 273.15),
          "[degF]", new UnitConverter.AffineMap(FIVE_NINTHS, 459.67 * FIVE_NINTHS),
          "[degR]", new UnitConverter.AffineMap(FIVE_NINTHS, 0.0),
          "[degRe]", new UnitConverter.AffineMap(1.25, 273.15));

  private Temperatures() {}

  /** The map from one temperature unit to another; null when either is not a temperature. */
  static UnitConverter.AffineMap between(String fromUnit, String toUnit) {
    UnitConverter.AffineMap from = TO_KELVIN.get(fromUnit);
    UnitConverter.AffineMap to = TO_KELVIN.get(toUnit);
    if (from == null || to == null) {
      return null;
    }
    // kelvin = a*x + b and kelvin = c*y + d, so y = (a/c)*x + (b-d)/c.
    return new UnitConverter.AffineMap(
        from.scale() / to.scale(), (from.offset() - to.offset()) / to.scale());
  }
}
