package dev.healthstreams.topology.canonical;

/**
 * What the reconciliation stage reads, keyed {@code entityType/entityId}: a version this topology
 * published, or a target's acknowledgement of one.
 *
 * @param at publication time on the wall clock (published), or null
 * @param target for an acknowledgement, the target system; null for a publication
 */
public record ReconciliationInput(
    String entityType,
    String entityId,
    long version,
    Long at,
    String target,
    String status,
    Long syncTimestamp) {
  public static final String PATIENT = "patient";
  public static final String PRESCRIPTION = "prescription";

  public static ReconciliationInput published(
      String entityType, String entityId, long version, long at) {
    return new ReconciliationInput(entityType, entityId, version, at, null, null, null);
  }

  public boolean isPublication() {
    return target == null;
  }

  public String key() {
    return entityType + "/" + entityId;
  }
}
