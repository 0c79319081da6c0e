package dev.healthstreams.topology.alerting;

/**
 * The last alert emitted for one (patient, suppress-group): what a repeat is measured against.
 *
 * @param eventTime epoch millis of the emitted alert's Observation
 */
public record SuppressionState(long eventTime, Severity severity) {}
