package dev.healthstreams.monitoring;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which metrics that PromQL expressions select are not exported, each with the first expression
 * naming it. Exported means a sample of that name is in the scrape: a histogram is selected as
 * {@code _bucket}, {@code _sum} or {@code _count}, which the scrape's samples carry.
 */
public final class MetricsCoverage {
  private MetricsCoverage() {}

  public static Map<String, String> missing(Collection<String> exprs, Set<String> exported) {
    Map<String, String> missing = new TreeMap<>();
    for (String expr : exprs) {
      for (String name : PromQl.metricNames(expr)) {
        if (!exported.contains(name)) {
          missing.putIfAbsent(name, expr);
        }
      }
    }
    return missing;
  }
}
