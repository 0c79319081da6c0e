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
}
