package dev.healthstreams.topology.canonical;

/**
 * An EHR Observation in canonical shape, before validation. PHI.
 *
 * @param subjectPatientId the EHR Patient id of {@code subject}, or null when it names none
 * @param sequence CDC position, else meta.versionId when numeric, else meta.lastUpdated
 */
public record ObservationRecord(
    String id,
    String version,
    Long sequence,
    String subjectPatientId,
    String status,
    String code,
    String display,
    Double value,
    String unit,
    String effective) {

  public SourceKey patientSource() {
    return new SourceKey(SourceKey.EHR, subjectPatientId);
  }
}
