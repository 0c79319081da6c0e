package dev.healthstreams.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COUNTERS =
      List.of("/priorAuths", "/countsByStatus/*", "/decisionMinutes/count");

  @Test
  void shouldCountAnEventCountedTwiceAsADuplicateAndIgnoreTheFiguresItShifts() throws Exception {
    TallyComparison tallies = new TallyComparison(COUNTERS);
    tallies.expected("payer-1|routine", row(10, 4, 6, 4, 2.5));
    tallies.received("payer-1|routine", row(11, 5, 6, 5, 2.4));

    OutputComparison.Result result = tallies.result();

    // Expected 10 PAs + 4 approved + 6 denied + 4 timed decisions = 24 counted events.
    assertEquals(24, result.expected());
    assertEquals(27, result.received());
    assertEquals(0, result.missing());
    assertEquals(3, result.duplicated());
    assertEquals(0, result.unexpected());
  }

  @Test
  void shouldCountWhatIsBelowTheRecomputationAsMissingAndNameIt() throws Exception {
    TallyComparison tallies = new TallyComparison(COUNTERS);
    tallies.expected("payer-1|routine", row(10, 4, 6, 4, 2.5));
    tallies.received("payer-1|routine", row(10, 3, 7, 3, 2.5));

    OutputComparison.Result result = tallies.result();

    assertEquals(2, result.missing());
    assertEquals(1, result.duplicated());
    assertEquals("payer-1|routine /countsByStatus/APPROVED: 3 of 4", result.aMissing());
  }

  @Test
  void shouldCountAMissingRowByItsCountsAndAnUnknownRowAsUnexpected() throws Exception {
    TallyComparison tallies = new TallyComparison(COUNTERS);
    tallies.expected("payer-1|routine", row(10, 4, 6, 4, 2.5));
    tallies.received("payer-9|urgent", row(1, 1, 0, 1, 1.0));

    OutputComparison.Result result = tallies.result();

    assertEquals(24, result.missing());
    assertEquals(1, result.unexpected());
  }

  @Test
  void shouldCountAStatusTheRecomputationNeverSawAsDuplicated() throws Exception {
    TallyComparison tallies = new TallyComparison(COUNTERS);
    tallies.expected("payer-1|routine", JSON.readTree("{\"priorAuths\":1,\"countsByStatus\":{}}"));
    tallies.received(
        "payer-1|routine",
        JSON.readTree("{\"priorAuths\":1,\"countsByStatus\":{\"CANCELLED\":1}}"));

    assertEquals(1, tallies.result().duplicated());
  }

  private static JsonNode row(long pas, long approved, long denied, long timed, double mean)
      throws Exception {
    return JSON.readTree(
        "{\"priorAuths\":%d,\"countsByStatus\":{\"APPROVED\":%d,\"DENIED\":%d},\"decisionMinutes\":{\"count\":%d,\"mean\":%s}}"
            .formatted(pas, approved, denied, timed, mean));
  }
}
