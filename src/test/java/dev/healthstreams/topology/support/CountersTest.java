package dev.healthstreams.topology.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CountersTest {
  /** Counts the counters the registry creates: once per name and tag set. */
  static final class CountingRegistry extends SimpleMeterRegistry {
    int registrations;

    @Override
    protected Counter newCounter(Meter.Id id) {
      registrations++;
      return super.newCounter(id);
    }
  }

  private final CountingRegistry registry = new CountingRegistry();
  private final Counters counters =
      new Counters(registry, "healthstreams.test", "test counter", "topology", "reason");

  @Test
  void shouldRegisterEachLabelSetOnce() {
    for (int i = 0; i < 1000; i++) {
      counters.increment("t", "duplicate");
    }
    counters.increment("t", "suppressed");

    assertEquals(2, registry.registrations);
    assertEquals(
        1000.0,
        registry
            .find("healthstreams.test")
            .tags("topology", "t", "reason", "duplicate")
            .counter()
            .count());
    assertEquals(
        1.0,
        registry
            .find("healthstreams.test")
            .tags("topology", "t", "reason", "suppressed")
            .counter()
            .count());
  }

  @Test
  void shouldNotAskTheRegistryAgainForALabelSetItHas() {
    Counter first = counters.get("t", "duplicate");
    // Gone from the registry: only a counter kept by Counters can still be returned.
    registry.remove(first);

    assertSame(first, counters.get("t", "duplicate"));
    assertNull(registry.find("healthstreams.test").counter());
    assertEquals(1, registry.registrations);
  }

  @Test
  void shouldKeepTheDescriptionAndRefuseTheWrongNumberOfLabels() {
    Counter counter = counters.get("t", "duplicate");

    assertEquals("test counter", counter.getId().getDescription());
    assertThrows(IllegalArgumentException.class, () -> counters.get("t"));
  }
}
