package dev.healthstreams.topology.interaction;

/**
 * One dangerous combination of two drug groups. The groups are embedded, not referred to by id, so
 * that one Interaction is a self-contained record on the knowledge topic: no join with a group
 * table, and no window in which an interaction sees a group's old codes.
 *
 * @param a the first group as written in the knowledge file
 * @param b the second group; may be {@code a} again, for a duplication within one group
 * @param management what to do about it; null when the file gives none
 * @param source where the interaction is documented; null when the file gives none
 */
public record Interaction(
    String id,
    DrugGroup a,
    DrugGroup b,
    InteractionSeverity severity,
    String description,
    String management,
    String source) {

  /** Whether a drug of {@code codeA} and one of {@code codeB} combine to this interaction. */
  public boolean matches(String codeA, String codeB) {
    return (a.contains(codeA) && b.contains(codeB)) || (b.contains(codeA) && a.contains(codeB));
  }
}
