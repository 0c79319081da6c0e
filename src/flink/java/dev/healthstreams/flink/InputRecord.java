package dev.healthstreams.flink;

/**
 * A Kafka record as the job reads it: its position (for dead letters), key, value and correlation
 * header. A Flink POJO (public fields, no-argument constructor), so Flink serializes it without
 * Kryo.
 */
public class InputRecord {
  public String topic;
  public int partition;
  public long offset;
  public String key;
  public byte[] value;

  /** The {@code correlation-id} header, if the producer set one. */
  public String correlationId;

  public InputRecord() {}

  public InputRecord(
      String topic, int partition, long offset, String key, byte[] value, String correlationId) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.value = value;
    this.correlationId = correlationId;
  }
}
