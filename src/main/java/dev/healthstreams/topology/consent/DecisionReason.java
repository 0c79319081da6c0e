package dev.healthstreams.topology.consent;

/** Why a decision came out as it did; a metric label and the audit event's outcome description. */
public enum DecisionReason {
  CONSENT_PERMIT,
  CONSENT_DENY,
  NO_CONSENT_DEFAULT_PERMIT,
  NO_CONSENT_DEFAULT_DENY,
  BREAK_GLASS
}
