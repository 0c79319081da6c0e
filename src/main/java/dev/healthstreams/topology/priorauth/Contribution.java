package dev.healthstreams.topology.priorauth;

/**
 * What one PA adds to its payer-and-urgency figures. When the PA changes, its old contribution is
 * taken back and the new one added, so each PA counts once.
 *
 * @param status null while no lifecycle event was accepted
 * @param decidedAs the last determination, null when undecided
 * @param decisionMinutes whole minutes from the first SUBMITTED to the first determination after
 *     it, null until there is one
 */
public record Contribution(
    String payerId,
    boolean urgent,
    PriorAuthStatus status,
    PriorAuthStatus decidedAs,
    boolean approvedAfterAppeal,
    boolean extended,
    Long decisionMinutes) {
  public static final String UNKNOWN_PAYER = "unknown";
  private static final long MINUTE_MS = 60_000L;

  public static Contribution of(PriorAuthState state, Replay replay) {
    PriorAuthStatus decided = replay.determination();
    Long minutes =
        replay.firstDeterminationAt() == null
            ? null
            : (replay.firstDeterminationAt() - replay.firstSubmittedAt()) / MINUTE_MS;
    String payer = state.parties().payerId();
    return new Contribution(
        payer == null ? UNKNOWN_PAYER : payer,
        state.urgent(),
        replay.status(),
        decided,
        decided == PriorAuthStatus.APPROVED && replay.determinedAfterAppeal(),
        decided != null && replay.extended(),
        minutes);
  }

  /** The key of its figures: {@code <payer>|urgent} or {@code <payer>|standard}. */
  public String statsKey() {
    return statsKey(payerId, urgent);
  }

  public static String statsKey(String payerId, boolean urgent) {
    return payerId + "|" + (urgent ? "urgent" : "standard");
  }

  /** The payer of a stats key. */
  public static String payerOf(String statsKey) {
    return statsKey.substring(0, statsKey.lastIndexOf('|'));
  }

  /** Whether a stats key is of urgent PAs. */
  public static boolean isUrgentKey(String statsKey) {
    return statsKey.endsWith("|urgent");
  }

  /** The prefix of a payer's keys. */
  public static String payerPrefix(String payerId) {
    return payerId + "|";
  }
}
