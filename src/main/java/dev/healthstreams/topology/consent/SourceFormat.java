package dev.healthstreams.topology.consent;

/** Where a consent came from: a FHIR R4 Consent resource or the platform's consent event. */
public enum SourceFormat {
  FHIR,
  EVENT
}
