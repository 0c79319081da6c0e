package dev.healthstreams.fhir;

/** Medication ids out of {@code MedicationRequest.medicationReference}, to look Medications up. */
public final class MedicationReferences {

  private static final String MEDICATION_SEGMENT = "Medication/";

  private MedicationReferences() {}

  /**
   * The Medication id of "Medication/abc", or of an absolute URL ending in "Medication/abc" with or
   * without "/_history/n". A contained "#ref" (resolved by the reader), another resource type or
   * null gives null.
   */
  public static String medicationId(String reference) {
    if (reference == null || reference.startsWith("#")) {
      return null;
    }
    int history = reference.indexOf("/_history/");
    String path = history < 0 ? reference : reference.substring(0, history);
    int segment = path.lastIndexOf(MEDICATION_SEGMENT);
    // "Medication/" must be a whole path segment: "XMedication/1" is not a Medication reference.
    if (segment < 0 || (segment > 0 && path.charAt(segment - 1) != '/')) {
      return null;
    }
    // Checked by hand, as patient ids are: String.matches compiled the pattern for every request.
    return References.validIdOrNull(path, segment + MEDICATION_SEGMENT.length(), path.length());
  }

  /** Whether the reference points into the resource's own {@code contained} list. */
  public static boolean isContained(String reference) {
    return reference != null && reference.startsWith("#");
  }
}
