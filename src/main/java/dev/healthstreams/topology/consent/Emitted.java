package dev.healthstreams.topology.consent;

/**
 * What a consent-table processor sends on, tagged with the output it is for; the wiring splits the
 * stream by target. Values: JSON bytes, or the Avro record of the target's topic.
 */
record Emitted(Target target, Object value) {
  enum Target {
    VIEW,
    EXPIRED,
    DECISION,
    AUDIT,
    PERMITTED,
    DENIED
  }
}
