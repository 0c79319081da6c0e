package dev.healthstreams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void shouldReadShortAndIsoForms() {
    assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
    assertEquals(Duration.ofHours(1), converter.convert("1h"));
    assertEquals(Duration.ofSeconds(30), converter.convert("PT30S"));
    assertEquals(Duration.ofSeconds(90), converter.convert(" pt1m30s "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "ms", "10", "5x", "ten seconds", "P", "-5s", "PT-5S", "-1ms"})
  void shouldRejectWhatIsNotAPositiveOrZeroDuration(String value) {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> converter.convert(value));

    assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
  }

  @Test
  void shouldRejectNegativeDurationOnTheCommandLine() {
    // Rejected while parsing, before tail would try to reach a cluster.
    CliRunner.Result result = CliRunner.run("tail", "--idle-timeout", "-5s", "t");

    assertEquals(2, result.exitCode(), result::describe);
    assertTrue(result.err().contains("'-5s'"), result::describe);
  }
}
