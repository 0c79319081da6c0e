package dev.healthstreams.topology.consent;

import dev.healthstreams.topology.support.TimeOrderedKeys;

/**
 * Keys of the due index: {@code <end, 19 digits>|<patient>|<consent>}, so that a range scan up to
 * now reads only the consents whose period has ended.
 */
final class ConsentExpiries {
  private ConsentExpiries() {}

  static String key(long end, String patientId, String consentId) {
    return TimeOrderedKeys.prefix(end) + "|" + patientId + "|" + consentId;
  }

  /** The last possible key due at or before {@code now}. */
  static String upTo(long now) {
    return TimeOrderedKeys.prefix(now) + "|\uffff";
  }

  static long end(String key) {
    return Long.parseLong(key.substring(0, TimeOrderedKeys.WIDTH));
  }

  static String patient(String key) {
    return key.substring(TimeOrderedKeys.WIDTH + 1, key.lastIndexOf('|'));
  }

  static String consent(String key) {
    return key.substring(key.lastIndexOf('|') + 1);
  }
}
