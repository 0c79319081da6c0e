package dev.healthstreams.topology.canonical;

/**
 * A pharmacy prescription in canonical shape, before validation. PHI.
 *
 * @param updatedAtText the source's updatedAt as written (the validator checks it is a real time)
 * @param sequence CDC position, else the prescription's version: what orders its versions
 */
public record PrescriptionRecord(
    String rxId,
    long version,
    Long sequence,
    Long updatedAt,
    String updatedAtText,
    String pharmacyPatientId,
    String drugNdc,
    String drugRxnorm,
    String drugName,
    String sig,
    Double quantity,
    Integer daysSupply,
    Integer refills,
    String prescriberNpi,
    String prescriberName,
    String status) {

  public SourceKey patientSource() {
    return new SourceKey(SourceKey.PHARMACY, pharmacyPatientId);
  }
}
