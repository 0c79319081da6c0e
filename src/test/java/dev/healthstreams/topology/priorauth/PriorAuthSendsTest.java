package dev.healthstreams.topology.priorauth;

import static dev.healthstreams.topology.priorauth.PriorAuthStatus.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthstreams.avro.PriorAuthStatsPart;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the PA processor sends, without Kafka: a change's view, an expiry's tombstone, and a
 * partition's part of a payer's figures under the payer-and-urgency key.
 */
class PriorAuthSendsTest {
  private static final long H = Duration.ofHours(1).toMillis();

  private record Sent(String key, PriorAuthOutput output, long time) {}

  private final List<Sent> sent = new ArrayList<>();
  private final PriorAuthSends sends =
      new PriorAuthSends(
          (key, output, time) -> sent.add(new Sent(key, output, time)),
          new PriorAuthRecords("prior-auth-projection"));
  private final PriorAuthProjection projection = PriorAuthSettings.defaults().projection();

  private static StatusEvent submitted() {
    PriorAuthParties parties =
        new PriorAuthParties("payer-a", "patient-1", "provider-1", "rx-1", "rxnorm", "1", "drug");
    return new StatusEvent("pa-1", "e1", SUBMITTED, 0, null, parties, false, null, "c-e1");
  }

  @Test
  void shouldSendAChangesViewUnderThePaId() {
    Outcome outcome = projection.apply(null, submitted());

    sends.change(PriorAuthViews.toView(outcome.state(), outcome.replay()), outcome, "cause", H);

    assertEquals(1, sent.size(), "no SLA event yet, and no statistics: they go by part");
    assertEquals("pa-1", sent.get(0).key());
    assertEquals("SUBMITTED", ((ViewOut) sent.get(0).output()).view().getStatus());
    assertEquals(H, sent.get(0).time());
  }

  @Test
  void shouldSendATombstoneOnExpiry() {
    sends.expiry(projection.apply(null, submitted()).state(), 90 * 24 * H);

    assertEquals(List.of(new Sent("pa-1", new ViewOut(null), 90 * 24 * H)), sent);
  }

  @Test
  void shouldSendAPartWholeWithItsPartition() {
    DecisionStats figures = new DecisionStats("payer-a", false);
    figures.add(
        Contribution.of(
            projection.apply(null, submitted()).state(),
            projection.apply(null, submitted()).replay()));

    sends.statsPart("payer-a|standard", 3, figures, 5 * H);

    PriorAuthStatsPart part = ((StatsOut) sent.get(0).output()).part();
    assertEquals("payer-a|standard", sent.get(0).key());
    assertEquals(3, part.getPartition());
    assertEquals(1, part.getStats().getPriorAuths());
    assertEquals(Map.of("SUBMITTED", 1L), part.getStats().getCountsByStatus());
    assertEquals(5 * H, sent.get(0).time());
  }
}
