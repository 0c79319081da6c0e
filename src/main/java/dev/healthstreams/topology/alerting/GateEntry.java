package dev.healthstreams.topology.alerting;

import dev.healthstreams.topology.support.InputPosition;

/**
 * A value the alert gate remembers, with the {@link InputPosition} of the alert that made it. An
 * entry made by the alert being read, or by a later one of the same partition, neither drops nor
 * suppresses it: under at-least-once that entry may be all that is left of an attempt at this very
 * alert whose output was lost in a crash ({@link InputPosition} says why), and the alert goes out
 * again (a duplicate, which at-least-once allows) rather than being taken for its own re-delivery.
 *
 * <p>Stored as {@code value NUL topic NUL partition NUL offset}; a value stored without a position
 * (before positions were kept) counts as made before any record.
 */
record GateEntry(String value, InputPosition madeBy) {

  String encode() {
    return madeBy.appendTo(value);
  }

  static GateEntry decode(String stored) {
    return new GateEntry(InputPosition.valueOf(stored), InputPosition.of(stored));
  }

  /** Whether this entry was made by a record read before the one at {@code current}. */
  boolean madeBefore(InputPosition current) {
    return madeBy.isBefore(current);
  }
}
