package dev.healthstreams.topology.canonical;

import java.util.Map;

/**
 * Where delivery of an entity's latest published version stands.
 *
 * @param acks per target that acknowledged this version: its status and sync time
 * @param reported the kinds already written for this version (COMPLETED, FAILED, OVERDUE)
 */
public record ReconciliationState(
    String entityType,
    String entityId,
    long version,
    long publishedAt,
    Map<String, Ack> acks,
    java.util.Set<String> reported) {

  public ReconciliationState {
    acks = acks == null ? Map.of() : Map.copyOf(acks);
    reported = reported == null ? java.util.Set.of() : java.util.Set.copyOf(reported);
  }

  public record Ack(String status, Long syncTimestamp) {}
}
