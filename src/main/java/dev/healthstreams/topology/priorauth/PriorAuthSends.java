package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.AnomalyOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaNotice;
import java.util.Objects;

/**
 * What the PA processor sends on: views (a null view is the tombstone of an expired PA), anomalies,
 * SLA events, and statistics deltas keyed by payer and urgency, where each PA counts once: its old
 * contribution is taken back where it was counted.
 */
final class PriorAuthSends {
  /** Where an output goes: the processor's context, a list in tests. */
  @FunctionalInterface
  interface Forward {
    void to(String key, PriorAuthOutput output, long time);
  }

  private final Forward forward;
  private final PriorAuthRecords records;

  PriorAuthSends(Forward forward, PriorAuthRecords records) {
    this.forward = forward;
    this.records = records;
  }

  /**
   * A change's outputs: the view as published, its SLA events, the stats delta from {@code before}
   * (null for a new PA).
   */
  void change(
      PriorAuthView view,
      Outcome outcome,
      PriorAuthState before,
      Replay beforeReplay,
      String causation,
      long time) {
    PriorAuthState state = outcome.state();
    String id = state.priorAuthId();
    forward(id, new ViewOut(view), time);
    for (SlaNotice notice : outcome.notices()) {
      forward(id, new SlaOut(records.slaEvent(state, notice, causation, time)), time);
    }
    Contribution old = before == null ? null : Contribution.of(before, beforeReplay);
    stats(old, Contribution.of(state, outcome.replay()), time);
  }

  /** An event's anomaly. */
  void anomaly(String priorAuthId, Outcome outcome, long time) {
    forward(
        priorAuthId,
        new AnomalyOut(records.anomaly(outcome.anomaly(), outcome.state().correlationId(), time)),
        time);
  }

  /** Retention deleted the PA: its tombstone, and its share of the statistics taken back. */
  void expiry(PriorAuthState state, Replay replay, long time) {
    forward(state.priorAuthId(), new ViewOut(null), time);
    stats(Contribution.of(state, replay), null, time);
  }

  private void stats(Contribution old, Contribution now, long time) {
    if (Objects.equals(old, now)) {
      return;
    }
    if (old != null && now != null && old.statsKey().equals(now.statsKey())) {
      forward(now.statsKey(), new StatsOut(PriorAuthRecords.delta(old, now)), time);
      return;
    }
    if (old != null) {
      forward(old.statsKey(), new StatsOut(PriorAuthRecords.delta(old, null)), time);
    }
    if (now != null) {
      forward(now.statsKey(), new StatsOut(PriorAuthRecords.delta(null, now)), time);
    }
  }

  private void forward(String key, PriorAuthOutput output, long time) {
    forward.to(key, output, time);
  }
}
