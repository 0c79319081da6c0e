package dev.healthstreams.topology.canonical;

/**
 * What the identity stage reads from its single partition: a patient source record's change or a
 * steward's command (one of the two), with the correlation and causation of the input.
 */
public record IdentityInput(
    PatientChange patient, LinkCommand command, String correlationId, String causationId) {}
