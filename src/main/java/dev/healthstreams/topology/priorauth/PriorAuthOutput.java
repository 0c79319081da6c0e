package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthAnomaly;
import dev.healthstreams.avro.PriorAuthSlaEvent;
import dev.healthstreams.avro.PriorAuthStatsPart;
import dev.healthstreams.avro.PriorAuthView;

/**
 * What the projection sends on, one record type per output topic; the topology splits them by type.
 * Never serialized: the split happens before any topic.
 */
public sealed interface PriorAuthOutput {
  /** A PA's view; null is a tombstone (retention). */
  record ViewOut(PriorAuthView view) implements PriorAuthOutput {}

  record AnomalyOut(PriorAuthAnomaly anomaly) implements PriorAuthOutput {}

  record SlaOut(PriorAuthSlaEvent event) implements PriorAuthOutput {}

  /** Keyed by the stats key, not the PA id: a partition's part of those figures. */
  record StatsOut(PriorAuthStatsPart part) implements PriorAuthOutput {}
}
