package dev.healthstreams.flink;

/**
 * A record for the one exactly-once sink: an alert for the alerts topic or a severity route (its
 * value a ClinicalAlert as Avro binary, written in the Confluent wire format by {@link
 * OutgoingSerializer}), or a dead letter (its value the input's own bytes, with the error and where
 * the input was read as headers).
 */
public class Outgoing {
  public String topic;
  public String key;
  public byte[] value;

  /** Null for an alert; the {@code healthstreams.error.reason} of a dead letter. */
  public String errorReason;

  public String errorClass;

  /** The app's own PHI-free message, only for BadRecordExceptions. */
  public String errorMessage;

  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  public String correlationId;

  public Outgoing() {}

  static Outgoing alert(String topic, String patientId, byte[] alert) {
    Outgoing out = new Outgoing();
    out.topic = topic;
    out.key = patientId;
    out.value = alert;
    return out;
  }

  static Outgoing deadLetter(
      String topic, InputRecord input, String reason, Exception error, String message) {
    Outgoing out = new Outgoing();
    out.topic = topic;
    out.key = input.key;
    out.value = input.value;
    out.errorReason = reason;
    out.errorClass = error.getClass().getName();
    out.errorMessage = message;
    out.sourceTopic = input.topic;
    out.sourcePartition = input.partition;
    out.sourceOffset = input.offset;
    out.correlationId = input.correlationId;
    return out;
  }

  boolean isDeadLetter() {
    return errorReason != null;
  }
}
