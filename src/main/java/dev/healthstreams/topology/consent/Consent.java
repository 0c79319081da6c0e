package dev.healthstreams.topology.consent;

/**
 * One consent in the model both inputs become.
 *
 * @param dateTime epoch milliseconds: when it was given (FHIR {@code dateTime}; an event's {@code
 *     attestedAt}, else {@code effectiveFrom}); among consents that speak, the most recent decides
 * @param period FHIR the root provision's period; an event its effective period
 * @param policy FHIR {@code policyRule} OPTIN (permit) or OPTOUT (deny); null when absent, and for
 *     a consent event
 * @param root FHIR the root provision; an event a root without type holding its one grant
 * @see #permitsNothing()
 */
public record Consent(
    String id,
    String patientId,
    SourceFormat source,
    ConsentState state,
    long dateTime,
    Period period,
    ProvisionType policy,
    Provision root) {

  public Consent {
    period = period == null ? Period.ALWAYS : period;
  }

  public Consent withState(ConsentState newState) {
    return new Consent(id, patientId, source, newState, dateTime, period, policy, root);
  }

  /**
   * Whether this is a consent event's grant that permits no one: a grant permits {@code grantedTo}
   * × {@code purpose} × {@code dataCategories}, so an empty (or missing) factor empties the product
   * and the grant fails closed. Derived from the grant's lists as stored, so grants stored before
   * this rule fail closed too. FHIR Consents keep an empty list as a condition not specified
   * ({@link Provision#matches}): false for them.
   */
  public boolean permitsNothing() {
    if (source != SourceFormat.EVENT) {
      return false;
    }
    if (root == null || root.provisions().isEmpty()) {
      return true;
    }
    for (Provision grant : root.provisions()) {
      if (grant.actors().isEmpty() || grant.purposes().isEmpty() || grant.classes().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
