package dev.healthstreams.topology.canonical;

/**
 * A prescription or observation waiting for its patient source record's golden patient.
 *
 * @param dueAt wall-clock time after which it goes out without one
 * @param timestamp the record's own timestamp, kept for what it is written with
 */
public record PendingClinical(ClinicalInput input, long dueAt, long timestamp) {}
