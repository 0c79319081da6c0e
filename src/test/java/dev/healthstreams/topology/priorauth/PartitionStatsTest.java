package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.APPROVED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static dev.healthstreams.topology.priorauth.PriorAuthStatus.TIMEFRAME_EXTENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A partition's parts of the payer statistics as its PAs change, without Kafka: the part of the
 * payer-and-urgency key a PA counts in, whole, and only the parts that changed.
 */
class PartitionStatsTest {
  private static final long H = Duration.ofHours(1).toMillis();

  private final PriorAuthProjection projection = PriorAuthSettings.defaults().projection();
  private final PartitionStats stats = new PartitionStats();

  private static StatusEvent event(
      String pa, String id, PriorAuthStatus status, long at, boolean urgent) {
    PriorAuthParties parties =
        new PriorAuthParties("payer-a", "patient-1", "provider-1", "rx-1", "rxnorm", "1", "drug");
    return new StatusEvent(pa, id, status, at, null, parties, urgent, null, "c-" + id);
  }

  private Contribution share(PriorAuthState state) {
    return Contribution.of(state, projection.replay(state));
  }

  private PriorAuthState apply(PriorAuthState before, StatusEvent event) {
    return projection.apply(before, event).state();
  }

  /** The parts taken, as key -> (PAs, counts by status). */
  private Map<String, String> taken() {
    List<PartitionStats.Part> parts = stats.takeChanged();
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (PartitionStats.Part part : parts) {
      out.put(part.key(), part.figures().priorAuths() + " " + part.figures().countsByStatus());
    }
    return out;
  }

  @Test
  void shouldPublishANewPasPartOnceAndThenNothingUntilItChanges() {
    PriorAuthState submitted = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    stats.replace(null, share(submitted));

    assertEquals(Map.of("payer-a|standard", "1 {SUBMITTED=1}"), taken());
    assertEquals(Map.of(), taken());
  }

  @Test
  void shouldMoveAPaWithinItsPartAndCountTwoPasOfOnePayerTogether() {
    PriorAuthState one = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    PriorAuthState two = apply(null, event("pa-2", "f1", SUBMITTED, 0, false));
    stats.replace(null, share(one));
    stats.replace(null, share(two));
    PriorAuthState approved = apply(one, event("pa-1", "e2", APPROVED, 2 * H, false));
    stats.replace(share(one), share(approved));

    PartitionStats.Part part = stats.takeChanged().get(0);
    assertEquals(2, part.figures().priorAuths());
    assertEquals(Map.of("APPROVED", 1L, "SUBMITTED", 1L), part.figures().countsByStatus());
    assertEquals(1, part.figures().decided(DecisionStats.Decided.APPROVED));
    assertEquals(1, part.figures().decisions(), "one decision time: 120 minutes");
    assertEquals(120L, part.figures().percentileMinutes(50));
  }

  @Test
  void shouldMoveAPaToTheUrgentPartAndPublishTheStandardOneEmptyOnce() {
    PriorAuthState standard = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    stats.replace(null, share(standard));
    taken();
    // Urgency follows the latest event: the PA leaves the standard figures for the urgent ones.
    PriorAuthState urgent = apply(standard, event("pa-1", "e2", APPROVED, H, true));
    stats.replace(share(standard), share(urgent));

    Map<String, String> parts = taken();
    assertEquals(Map.of("payer-a|standard", "0 {}", "payer-a|urgent", "1 {APPROVED=1}"), parts);
    assertEquals(
        List.of("payer-a|standard", "payer-a|urgent"),
        List.copyOf(parts.keySet()),
        "in the order they first changed");
    // The empty part was forgotten: a PA back in it starts it again from nothing.
    stats.replace(share(urgent), share(standard));
    assertEquals(Map.of("payer-a|urgent", "0 {}", "payer-a|standard", "1 {SUBMITTED=1}"), taken());
  }

  @Test
  void shouldChangeNoPartForAChangeThatMovesNoFigure() {
    PriorAuthState submitted = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    stats.replace(null, share(submitted));
    taken();
    // An extension before any determination: the view changes, no figure does.
    StatusEvent extension =
        new StatusEvent(
            "pa-1",
            "e2",
            TIMEFRAME_EXTENDED,
            H,
            null,
            submitted.parties(),
            false,
            7 * 24 * H,
            null);
    stats.replace(share(submitted), share(apply(submitted, extension)));

    assertEquals(Map.of(), taken());
  }

  @Test
  void shouldPublishAnEmptyPartWhenRetentionTakesTheLastPa() {
    PriorAuthState submitted = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    stats.replace(null, share(submitted));
    taken();

    stats.replace(share(submitted), null);

    assertEquals(Map.of("payer-a|standard", "0 {}"), taken());
  }

  @Test
  void shouldPublishEveryPartAfterARebuildAndAnEmptyOneForKeysPublishedBeforeWhosePasAreGone() {
    PriorAuthState submitted = apply(null, event("pa-1", "e1", SUBMITTED, 0, false));
    stats.replace(null, share(submitted)); // as a rebuild from the views adds them

    stats.rebuilt(Set.of("payer-a|standard", "payer-b|urgent"));

    List<PartitionStats.Part> parts = stats.takeChanged();
    assertEquals(
        List.of("payer-a|standard", "payer-b|urgent"),
        parts.stream().map(PartitionStats.Part::key).sorted().toList());
    PartitionStats.Part gone =
        parts.stream().filter(p -> p.key().equals("payer-b|urgent")).findFirst().orElseThrow();
    assertEquals("payer-b", gone.figures().payerId());
    assertEquals(true, gone.figures().urgent());
    assertEquals(0, gone.figures().priorAuths());
  }
}
