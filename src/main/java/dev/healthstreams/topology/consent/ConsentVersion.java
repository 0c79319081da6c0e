package dev.healthstreams.topology.consent;

/**
 * A consent as it stood from {@code at} (the record time of the change) until the next version.
 *
 * @param consent null for a revoke or expiry of a consent never seen
 */
public record ConsentVersion(long at, ConsentState state, Consent consent) {}
