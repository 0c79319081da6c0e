package dev.healthstreams.topology.consent;

/**
 * Keys of the due index: {@code <end, 19 digits>|<patient>|<consent>}, so that a range scan up to
 * now reads only the consents whose period has ended.
 */
final class ConsentExpiries {
  private ConsentExpiries() {}

  static String key(long end, String patientId, String consentId) {
    return String.format("%019d", Math.max(0, end)) + "|" + patientId + "|" + consentId;
  }

  /** The last possible key due at or before {@code now}. */
  static String upTo(long now) {
    return String.format("%019d", Math.max(0, now)) + "|\uffff";
  }

  static long end(String key) {
    return Long.parseLong(key.substring(0, 19));
  }

  static String patient(String key) {
    return key.substring(20, key.lastIndexOf('|'));
  }

  static String consent(String key) {
    return key.substring(key.lastIndexOf('|') + 1);
  }
}
