package dev.healthstreams.topology.consent;

/** What a provision (or a consent's policy) says about the access it matches. */
public enum ProvisionType {
  PERMIT,
  DENY
}
