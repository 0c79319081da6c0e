package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionLengthTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({
    // Fixed lengths do not depend on the day.
    "P14D, 2024-01-01T00:00:00Z, 336",
    "PT72H, 2024-01-01T00:00:00Z, 72",
    "P1DT12H, 2024-01-01T00:00:00Z, 36",
    "P2W, 2024-01-01T00:00:00Z, 336",
    "p2w, 2024-01-01T00:00:00Z, 336",
    "P1W2D, 2024-01-01T00:00:00Z, 216",
    // A month from 31 January: to the last day of February, 29 days in 2024, 28 in 2023.
    "P1M, 2024-01-31T00:00:00Z, 696",
    "P1M, 2023-01-31T00:00:00Z, 672",
    "P1M, 2024-03-01T00:00:00Z, 744",
    // Granted mid-day: the calendar part keeps the time of day.
    "P1MT6H, 2024-04-10T18:00:00Z, 726",
    "P1Y, 2024-01-01T00:00:00Z, 8784",
    "P1Y, 2025-01-01T00:00:00Z, 8760"
  })
  void shouldReadAnyIsoDurationFromTheMomentItWasGranted(String iso, String at, long hours) {
    assertEquals(hours * HOUR, ExtensionLength.millis(iso, Instant.parse(at).toEpochMilli()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"P", "PT", "14D", "P1.5D", "P1H", "PT-1H", "-P1D", "P-1D", "three days", "P1DT"})
  void shouldRefuseWhatIsNoNonNegativeIsoDuration(String iso) {
    assertThrows(DateTimeParseException.class, () -> ExtensionLength.millis(iso, 0L));
  }

  @org.junit.jupiter.api.Test
  void shouldKeepSecondsAndFractions() {
    assertEquals(DAY + 1_500, ExtensionLength.millis("P1DT1.5S", 0L));
  }
}
