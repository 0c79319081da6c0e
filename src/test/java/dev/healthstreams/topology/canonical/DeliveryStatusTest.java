package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.topology.canonical.DeliveryStatus.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A steward's view of a version's delivery, from states built here by hand. */
class DeliveryStatusTest {
  private final ReconciliationTracker tracker =
      new ReconciliationTracker(
          Map.of("patient", List.of("ehr", "pharmacy", "portal")),
          java.time.Duration.ofMinutes(15));

  private static ReconciliationState state(
      Map<String, ReconciliationState.Ack> acks, Set<String> reported) {
    return new ReconciliationState("patient", "g1", 3, 60_000, acks, reported);
  }

  @Test
  void shouldListEveryConfiguredTargetPendingUntilItAcknowledges() {
    DeliveryStatus status =
        DeliveryStatus.of(
            state(Map.of("pharmacy", new ReconciliationState.Ack("success", 70_000L)), Set.of()),
            tracker);

    assertEquals(
        List.of(
            new Target("ehr", "pending", null),
            new Target("pharmacy", "applied", 70_000L),
            new Target("portal", "pending", null)),
        status.targets());
    assertEquals("PENDING", status.status());
    assertEquals(3, status.version());
    assertEquals(60_000 + 15 * 60_000, status.dueAt());
    assertFalse(status.overdue());
  }

  @Test
  void shouldSayFailedWhenOneTargetFailedAndOverdueOnceReported() {
    DeliveryStatus status =
        DeliveryStatus.of(
            state(
                Map.of(
                    "ehr", new ReconciliationState.Ack("failed", 80_000L),
                    "portal", new ReconciliationState.Ack("success", 90_000L)),
                Set.of("OVERDUE", "FAILED")),
            tracker);

    assertEquals("failed", status.targets().get(0).state());
    assertEquals("FAILED", status.status());
    assertTrue(status.overdue());
  }

  @Test
  void shouldBeCompletedWhenEveryTargetApplied() {
    ReconciliationState.Ack ok = new ReconciliationState.Ack("success", 1L);
    DeliveryStatus status =
        DeliveryStatus.of(
            state(Map.of("ehr", ok, "pharmacy", ok, "portal", ok), Set.of()), tracker);

    assertEquals("COMPLETED", status.status());
  }
}
