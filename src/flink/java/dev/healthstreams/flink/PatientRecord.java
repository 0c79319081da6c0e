package dev.healthstreams.flink;

/**
 * The latest version of a patient, for the patient table the gate keeps: a PatientSummary as Avro
 * binary ({@link AvroBytes}), or null when the patient was deleted (a tombstone).
 */
public class PatientRecord {
  public String patientId;
  public byte[] summary;

  public PatientRecord() {}

  public PatientRecord(String patientId, byte[] summary) {
    this.patientId = patientId;
    this.summary = summary;
  }
}
