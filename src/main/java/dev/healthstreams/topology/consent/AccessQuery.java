package dev.healthstreams.topology.consent;

/**
 * One access to decide: who asks, for what purpose (a v3 PurposeOfUse code), which category of
 * data, which action (default {@code access}), at which instant, and optionally the date of the
 * data.
 *
 * @param dataDate epoch milliseconds, or null when the request is not about data of one date
 */
public record AccessQuery(
    String patientId,
    Requester requester,
    String purpose,
    String category,
    String action,
    long at,
    Long dataDate) {
  public static final String DEFAULT_ACTION = "access";

  public AccessQuery {
    action = action == null || action.isBlank() ? DEFAULT_ACTION : action;
  }
}
