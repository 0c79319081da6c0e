package dev.healthstreams.topology.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One counter metric with fixed label names: each set of label values is registered with the
 * registry once and then kept, so the per-record path does a map lookup, never a builder or a
 * registry lookup. Safe to share between stream threads.
 */
public final class Counters {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final List<String> labels;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param name the micrometer name ({@code healthstreams.alerts} is exported as {@code
   *     healthstreams_alerts_total})
   */
  public Counters(MeterRegistry registry, String name, String description, String... labels) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.labels = List.of(labels);
  }

  /** The counter of these label values, in the order of the label names; registered once. */
  public Counter get(String... values) {
    if (values.length != labels.size()) {
      throw new IllegalArgumentException(
          name + " takes " + labels.size() + " label values, got " + values.length);
    }
    return counters.computeIfAbsent(Arrays.asList(values), this::register);
  }

  public void increment(String... values) {
    get(values).increment();
  }

  private Counter register(List<String> values) {
    Counter.Builder builder = Counter.builder(name).description(description);
    for (int i = 0; i < labels.size(); i++) {
      builder.tag(labels.get(i), values.get(i));
    }
    return builder.register(registry);
  }
}
