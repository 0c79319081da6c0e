package dev.healthstreams.fhir;

/** What outputs are enriched with; PHI: never logged. */
public record PatientFacts(String id, String name, String mrn, String birthDate) {}
