package dev.healthstreams.fhir;

/** Patient ids out of FHIR references, as used to key records by patient. */
public final class References {

  private static final String PATIENT_SEGMENT = "Patient/";
  private static final String UUID_URN = "urn:uuid:";
  // FHIR ids are at most 64 characters of [A-Za-z0-9-.].
  private static final int MAX_ID_LENGTH = 64;

  private References() {}

  /**
   * The patient id of a reference: "Patient/123", an absolute URL ending in "Patient/123" with or
   * without "/_history/n", or a bundle-style "urn:uuid:abc". Anything else (another resource type,
   * a contained "#ref", null) gives null.
   */
  public static String patientId(String reference) {
    if (reference == null) {
      return null;
    }
    if (reference.startsWith(UUID_URN)) {
      return validIdOrNull(reference, UUID_URN.length(), reference.length());
    }
    int segment = reference.lastIndexOf(PATIENT_SEGMENT);
    // "Patient/" must be a whole path segment: "XPatient/1" is not a patient reference.
    if (segment < 0 || (segment > 0 && reference.charAt(segment - 1) != '/')) {
      return null;
    }
    int start = segment + PATIENT_SEGMENT.length();
    int end = reference.indexOf('/', start);
    if (end >= 0 && !reference.startsWith("_history/", end + 1)) {
      return null;
    }
    return validIdOrNull(reference, start, end < 0 ? reference.length() : end);
  }

  /** {@code text[start, end)} when it is a FHIR id (1 to 64 of [A-Za-z0-9-.]), else null. */
  static String validIdOrNull(String text, int start, int end) {
    if (end <= start || end - start > MAX_ID_LENGTH) {
      return null;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.';
      if (!allowed) {
        return null;
      }
    }
    return text.substring(start, end);
  }
}
