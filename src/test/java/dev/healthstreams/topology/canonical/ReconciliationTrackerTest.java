package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.ReconciliationKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconciliationTrackerTest {
  private final ReconciliationTracker tracker =
      new ReconciliationTracker(
          Map.of("patient", List.of("ehr", "portal"), "prescription", List.of("pharmacy")),
          Duration.ofMinutes(15));

  private ReconciliationState published(long version) {
    return tracker.published(null, "patient", "g1", version, 1000);
  }

  @Test
  void shouldCompleteOnceEveryTargetSucceeded() {
    ReconciliationTracker.Step first =
        tracker.acknowledged(published(2), "ehr", 2, "success", 2000L);
    assertEquals(Optional.empty(), first.written());
    ReconciliationTracker.Step second =
        tracker.acknowledged(first.state(), "portal", 2, "success", 3000L);
    assertEquals(Optional.of(ReconciliationKind.COMPLETED), second.written());
    assertEquals(
        Optional.empty(),
        tracker.acknowledged(second.state(), "portal", 2, "success", 3500L).written(),
        "a repeated acknowledgement writes nothing");
  }

  @Test
  void shouldFailOnceOnAFailedAcknowledgement() {
    ReconciliationTracker.Step failed =
        tracker.acknowledged(published(1), "ehr", 1, "failed", 2000L);
    assertEquals(Optional.of(ReconciliationKind.FAILED), failed.written());
    assertEquals(
        Optional.empty(),
        tracker.acknowledged(failed.state(), "portal", 1, "failed", 2100L).written());
  }

  @Test
  void shouldNeverCompleteANewerVersionWithOlderAcknowledgements() {
    ReconciliationState v1 = published(1);
    ReconciliationState v2 = tracker.published(v1, "patient", "g1", 2, 5000);
    ReconciliationTracker.Step a = tracker.acknowledged(v2, "ehr", 1, "success", 6000L);
    ReconciliationTracker.Step b = tracker.acknowledged(a.state(), "portal", 1, "success", 6000L);
    assertEquals(Optional.empty(), b.written());
    assertEquals(Map.of(), b.state().acks());
    assertEquals(
        v2,
        tracker.published(v2, "patient", "g1", 1, 9000),
        "an older publication changes nothing");
  }

  @Test
  void shouldBeOverdueOnceAfterTheDeadlineUnlessCompleteOrFailed() {
    ReconciliationState v1 = published(1);
    long due = 1000 + Duration.ofMinutes(15).toMillis();
    assertEquals(Optional.empty(), tracker.checkOverdue(v1, due - 1).written());
    ReconciliationTracker.Step overdue = tracker.checkOverdue(v1, due);
    assertEquals(Optional.of(ReconciliationKind.OVERDUE), overdue.written());
    assertEquals(Optional.empty(), tracker.checkOverdue(overdue.state(), due + 1).written());
    ReconciliationTracker.Step done =
        tracker.acknowledged(
            tracker.acknowledged(v1, "ehr", 1, "success", 1L).state(), "portal", 1, "success", 2L);
    assertEquals(Optional.empty(), tracker.checkOverdue(done.state(), due).written());
  }

  @Test
  void shouldIgnoreTargetsNotConfiguredForTheEntityType() {
    ReconciliationState rx = tracker.published(null, "prescription", "rx1", 1, 0);
    assertEquals(Optional.empty(), tracker.acknowledged(rx, "portal", 1, "success", 1L).written());
    assertEquals(
        Optional.of(ReconciliationKind.COMPLETED),
        tracker.acknowledged(rx, "pharmacy", 1, "success", 1L).written());
  }
}
