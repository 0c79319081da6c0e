package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthStatsPart;
import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.AnomalyOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.SlaOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.StatsOut;
import dev.healthstreams.topology.priorauth.PriorAuthOutput.ViewOut;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.Outcome;
import dev.healthstreams.topology.priorauth.PriorAuthProjection.SlaNotice;

/**
 * What the PA processor sends on: views (a null view is the tombstone of an expired PA), anomalies,
 * SLA events, and this partition's part of a payer's statistics, keyed by payer and urgency.
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

  /** A change's outputs: the view as published and its SLA events. */
  void change(PriorAuthView view, Outcome outcome, String causation, long time) {
    PriorAuthState state = outcome.state();
    String id = state.priorAuthId();
    forward(id, new ViewOut(view), time);
    for (SlaNotice notice : outcome.notices()) {
      forward(id, new SlaOut(records.slaEvent(state, notice, causation, time)), time);
    }
  }

  /** An event's anomaly. */
  void anomaly(String priorAuthId, Outcome outcome, long time) {
    forward(
        priorAuthId,
        new AnomalyOut(records.anomaly(outcome.anomaly(), outcome.state().correlationId(), time)),
        time);
  }

  /** Retention deleted the PA: its tombstone. */
  void expiry(PriorAuthState state, long time) {
    forward(state.priorAuthId(), new ViewOut(null), time);
  }

  /** A partition's part of the figures of one payer and urgency, whole. */
  void statsPart(String statsKey, int partition, DecisionStats figures, long time) {
    forward(
        statsKey,
        new StatsOut(new PriorAuthStatsPart(partition, PriorAuthStatsRecords.toRecord(figures))),
        time);
  }

  private void forward(String key, PriorAuthOutput output, long time) {
    forward.to(key, output, time);
  }
}
