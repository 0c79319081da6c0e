package dev.healthstreams.flink;

/**
 * An unenriched alert on its way to its patient's gate: what the Kafka Streams topology sends
 * through its {@code alerts-by-patient} repartition topic. The alert is a ClinicalAlert as Avro
 * binary ({@link AvroBytes}), so Flink ships bytes rather than reflecting over the generated class.
 */
public class AlertRecord {
  public String patientId;
  public byte[] alert;

  public AlertRecord() {}

  public AlertRecord(String patientId, byte[] alert) {
    this.patientId = patientId;
    this.alert = alert;
  }
}
