package dev.healthstreams.bench;

/** One generated input record: key = resource id (as the FHIR server publishes it), JSON value. */
public record ScaledRecord(String key, byte[] value) {}
