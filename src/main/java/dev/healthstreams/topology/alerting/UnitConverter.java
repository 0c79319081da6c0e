package dev.healthstreams.topology.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Converts values between UCUM units. A UCUM conversion parses both unit expressions (tens of
 * microseconds), too slow per record, so each (from, to) pair is resolved once to an affine map
 * {@code to = scale * from + offset} and cached, including "not convertible". Thread-safe.
 */
public final class UnitConverter {

  private static final String ESSENCE = "/ucum-essence.xml";
  // Unit codes come from records; a bound keeps a stream of junk units from growing the cache.
  private static final int MAX_CACHED_PAIRS = 10_000;

  private final UcumEssenceService ucum;
  private final Map<String, Map<String, AffineMap>> cache = new ConcurrentHashMap<>();
  private final AtomicInteger cachedPairs = new AtomicInteger();

  private UnitConverter(UcumEssenceService ucum) {
    this.ucum = ucum;
  }

  /** A converter over the UCUM essence bundled in the ucum jar (loading takes ~100 ms). */
  public static UnitConverter create() {
    try (InputStream essence = UcumEssenceService.class.getResourceAsStream(ESSENCE)) {
      if (essence == null) {
        throw new IllegalStateException(ESSENCE + " is missing from the classpath");
      }
      return new UnitConverter(new UcumEssenceService(essence));
    } catch (UcumException e) {
      throw new IllegalStateException("cannot load the UCUM essence", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One converter for the JVM, loaded on first use. */
  public static UnitConverter shared() {
    return SharedHolder.INSTANCE;
  }

  /** {@code value} in {@code toUnit}; empty when either unit is absent, unknown or incompatible. */
  public OptionalDouble convert(double value, String fromUnit, String toUnit) {
    if (fromUnit == null || toUnit == null) {
      return OptionalDouble.empty();
    }
    if (fromUnit.equals(toUnit)) {
      return OptionalDouble.of(value);
    }
    AffineMap map = lookup(fromUnit, toUnit);
    return map == AffineMap.NONE ? OptionalDouble.empty() : OptionalDouble.of(map.apply(value));
  }

  /** Whether {@code unit} is a well-formed UCUM expression of known units. */
  public boolean isValidUnit(String unit) {
    if (unit == null || unit.isBlank()) {
      return false;
    }
    synchronized (ucum) {
      return ucum.validate(unit) == null;
    }
  }

  private AffineMap lookup(String fromUnit, String toUnit) {
    Map<String, AffineMap> byTarget = cache.get(fromUnit);
    AffineMap cached = byTarget == null ? null : byTarget.get(toUnit);
    if (cached != null) {
      return cached;
    }
    AffineMap resolved = resolve(fromUnit, toUnit);
    if (cachedPairs.get() < MAX_CACHED_PAIRS) {
      Map<String, AffineMap> targets =
          cache.computeIfAbsent(fromUnit, unit -> new ConcurrentHashMap<>());
      if (targets.putIfAbsent(toUnit, resolved) == null) {
        cachedPairs.incrementAndGet();
      }
    }
    return resolved;
  }

  private AffineMap resolve(String fromUnit, String toUnit) {
    AffineMap temperature = Temperatures.between(fromUnit, toUnit);
    if (temperature != null) {
      return temperature;
    }
    try {
      // UCUM units other than temperatures are linear: f(0) gives the offset, f(1) the scale.
      double zero = convertExactly("0", fromUnit, toUnit);
      double one = convertExactly("1", fromUnit, toUnit);
      return new AffineMap(one - zero, zero);
    } catch (UcumException | RuntimeException e) {
      // Unknown or incompatible units (mmol/L vs mg/dL need a molar mass UCUM does not know).
      return AffineMap.NONE;
    }
  }

  private double convertExactly(String value, String fromUnit, String toUnit) throws UcumException {
    Decimal result;
    // The essence service keeps parse state in instance fields; serialize the rare cache misses.
    synchronized (ucum) {
      result = ucum.convert(new Decimal(value), fromUnit, toUnit);
    }
    return Double.parseDouble(result.asDecimal());
  }

  /** {@code to = scale * from + offset}; NONE marks a pair that cannot be converted. */
  record AffineMap(double scale, double offset) {
    static final AffineMap NONE = new AffineMap(Double.NaN, Double.NaN);

    double apply(double value) {
      return scale * value + offset;
    }
  }

  private static final class SharedHolder {
    private static final UnitConverter INSTANCE = create();
  }
}
