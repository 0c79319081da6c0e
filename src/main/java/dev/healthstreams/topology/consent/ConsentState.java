package dev.healthstreams.topology.consent;

/**
 * Where a consent stands. Only {@link #ACTIVE} consents take part in decisions; the others stay in
 * the table so that the view and the audit trail can say why.
 */
public enum ConsentState {
  ACTIVE,
  REVOKED,
  EXPIRED,
  /** A FHIR Consent that is inactive, rejected, entered-in-error, draft or proposed. */
  INACTIVE
}
