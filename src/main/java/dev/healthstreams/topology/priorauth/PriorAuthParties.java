package dev.healthstreams.topology.priorauth;

/** Who and what a PA is about; any part may be unknown (null). */
public record PriorAuthParties(
    String payerId,
    String patientId,
    String providerId,
    String prescriptionId,
    String drugSystem,
    String drugCode,
    String drugDisplay) {
  public static final PriorAuthParties NONE =
      new PriorAuthParties(null, null, null, null, null, null, null);

  /** These parties with the gaps filled from {@code other}. */
  PriorAuthParties orElse(PriorAuthParties other) {
    return new PriorAuthParties(
        payerId != null ? payerId : other.payerId,
        patientId != null ? patientId : other.patientId,
        providerId != null ? providerId : other.providerId,
        prescriptionId != null ? prescriptionId : other.prescriptionId,
        drugCode != null ? drugSystem : other.drugSystem,
        drugCode != null ? drugCode : other.drugCode,
        drugCode != null ? drugDisplay : other.drugDisplay);
  }
}
