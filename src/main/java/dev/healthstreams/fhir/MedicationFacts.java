package dev.healthstreams.fhir;

/**
 * What interaction checking needs of a FHIR R4 Medication: the drug it stands for.
 *
 * @param drug null when the Medication has no coded {@code code} (FHIR allows that)
 */
public record MedicationFacts(String id, DrugCode drug) {}
