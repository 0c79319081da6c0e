package dev.healthstreams.monitoring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void shouldFindTheMetricsOfAHistogramQuantileWithGrafanaVariables() {
    assertEquals(
        Set.of("healthstreams_end_to_end_latency_seconds_bucket"),
        PromQl.metricNames(
            "histogram_quantile(0.99, sum by (le, output) (rate("
                + "healthstreams_end_to_end_latency_seconds_bucket{topology=\"$topology\"}"
                + "[$__rate_interval])))"));
  }

  @Test
  void shouldSkipLabelListsAfterByWithoutOnIgnoringAndGroupModifiers() {
    assertEquals(
        Set.of("a_total", "b", "c"),
        PromQl.metricNames(
            "sum(rate(a_total[5m])) by (reason, le) / on (topology) group_left (state) b"
                + " unless ignoring(instance) c"));
    assertEquals(Set.of("up"), PromQl.metricNames("count without (instance) (up == bool 0)"));
    assertEquals(Set.of("m"), PromQl.metricNames("sum by () (m)"));
  }

  @Test
  void shouldSkipFunctionsKeywordsNumbersDurationsAndStrings() {
    assertEquals(
        Set.of("foo", "bar"),
        PromQl.metricNames(
            "1e3 * foo offset 5m > 0 and deriv(bar[10m:1m]) > 0 or vector(0) and Inf > NaN"));
    assertEquals(
        Set.of("m"), PromQl.metricNames("label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\")"));
    assertEquals(Set.of("m"), PromQl.metricNames("topk(5, max_over_time(m[${__range}]))"));
    assertEquals(Set.of("m"), PromQl.metricNames("absent(m{topology=~\"a|b\", x!=\"}\"})"));
  }

  @Test
  void shouldKeepColonsOfRecordingRuleNames() {
    assertEquals(Set.of("job:lag:sum"), PromQl.metricNames("job:lag:sum > 1000"));
  }

  @Test
  void shouldRefuseUnbalancedExpressions() {
    assertThrows(IllegalArgumentException.class, () -> PromQl.checkBalanced("rate(m[5m]"));
    assertThrows(IllegalArgumentException.class, () -> PromQl.checkBalanced("sum(m{a=\"b})"));
    assertThrows(IllegalArgumentException.class, () -> PromQl.checkBalanced("sum(m[5m)]"));
    assertDoesNotThrow(() -> PromQl.checkBalanced("sum by (a) (rate(m{a=\"(\"}[5m]))"));
  }
}
