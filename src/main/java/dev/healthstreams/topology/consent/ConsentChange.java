package dev.healthstreams.topology.consent;

/**
 * One change to a patient's consents, from either input, taking effect at {@code at} (the record's
 * timestamp).
 *
 * @param consent the new content for {@link Kind#UPSERT}; null otherwise
 */
public record ConsentChange(
    String patientId, String consentId, SourceFormat source, Kind kind, Consent consent, long at) {
  public enum Kind {
    /** A grant, or a FHIR Consent version in whatever state its status gives. */
    UPSERT,
    REVOKE,
    EXPIRE,
    /** A FHIR tombstone, or a Consent moved to another patient. */
    DELETE
  }
}
