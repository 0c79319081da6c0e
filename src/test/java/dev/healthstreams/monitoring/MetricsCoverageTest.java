package dev.healthstreams.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.testkit.PrometheusScrape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker MetricsCoverageIT runs, on a scrape written here: it can fail. */
class MetricsCoverageTest {
  private static final String SCRAPE =
      """
      # HELP healthstreams_end_to_end_latency_seconds From an output record's timestamp
      # TYPE healthstreams_end_to_end_latency_seconds histogram
      healthstreams_end_to_end_latency_seconds_bucket{output="a",topology="t",le="0.005"} 0
      healthstreams_end_to_end_latency_seconds_bucket{output="a",topology="t",le="+Inf"} 3
      healthstreams_end_to_end_latency_seconds_count{output="a",topology="t"} 3
      healthstreams_end_to_end_latency_seconds_sum{output="a",topology="t"} 0.2
      # HELP healthstreams_dead_letters_total Records sent to a topology's dead-letter topic
      # TYPE healthstreams_dead_letters_total counter
      healthstreams_dead_letters_total{reason="not-json",topology="t"} 1.0
      # TYPE healthstreams_never_incremented_total counter
      """;

  @Test
  void shouldReadTheSampleNamesOfAScrape() {
    assertEquals(
        Set.of(
            "healthstreams_end_to_end_latency_seconds_bucket",
            "healthstreams_end_to_end_latency_seconds_count",
            "healthstreams_end_to_end_latency_seconds_sum",
            "healthstreams_dead_letters_total"),
        PrometheusScrape.sampleNames(SCRAPE));
  }

  @Test
  void shouldPassWhenEveryNamedMetricIsExported() {
    assertEquals(
        Map.of(),
        MetricsCoverage.missing(
            List.of(
                "histogram_quantile(0.99, sum by (le) (rate("
                    + "healthstreams_end_to_end_latency_seconds_bucket{topology=\"t\"}[5m])))",
                "sum by (reason) (rate(healthstreams_dead_letters_total[5m]))"),
            PrometheusScrape.sampleNames(SCRAPE)));
  }

  @Test
  void shouldNameAMadeUpMetricAndTheExpressionUsingIt() {
    String madeUp =
        "sum(rate(healthstreams_made_up_total[5m])) / sum(rate(healthstreams_dead_letters_total[5m]))";
    assertEquals(
        Map.of("healthstreams_made_up_total", madeUp),
        MetricsCoverage.missing(List.of(madeUp), PrometheusScrape.sampleNames(SCRAPE)));
  }

  @Test
  void shouldNotTakeAHistogramsFamilyNameOrAnEmptyFamilyForExported() {
    assertEquals(
        Set.of("healthstreams_end_to_end_latency_seconds", "healthstreams_never_incremented_total"),
        MetricsCoverage.missing(
                List.of(
                    "healthstreams_end_to_end_latency_seconds > 1",
                    "rate(healthstreams_never_incremented_total[5m])"),
                PrometheusScrape.sampleNames(SCRAPE))
            .keySet());
  }
}
