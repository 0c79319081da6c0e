package dev.healthstreams.runtime.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeadLetterCounterTest {
  @Test
  void shouldCountByTopologyAndReasonRegisteringEachPairOnce() {
    int[] registrations = {0};
    SimpleMeterRegistry registry =
        new SimpleMeterRegistry() {
          @Override
          protected Counter newCounter(Meter.Id id) {
            registrations[0]++;
            return super.newCounter(id);
          }
        };
    DeadLetterCounter counter = new DeadLetterCounter(registry);

    counter.increment("observation-alerting", "no-subject");
    counter.increment("observation-alerting", "no-subject");
    counter.increment("medication-interaction", "no-subject");

    assertEquals(2, registrations[0]);
    assertEquals(
        2.0,
        registry
            .find("healthstreams.dead.letters")
            .tags("topology", "observation-alerting", "reason", "no-subject")
            .counter()
            .count());
  }

  @Test
  void shouldCountNothingWithoutARegistry() {
    DeadLetterCounter.NONE.increment("observation-alerting", "no-subject");
    new DeadLetterCounter(null).increment("observation-alerting", "no-subject");
  }
}
