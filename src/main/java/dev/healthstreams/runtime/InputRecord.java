package dev.healthstreams.runtime;

import org.apache.kafka.common.header.Headers;

/**
 * One backtest input line ready to pipe: its topic, key, headers and value bytes, and its time.
 *
 * @param time epoch millis from the line or the file before it; null when neither had one
 * @param unconverted why an Avro value did not convert (its raw bytes are fed so that the topology
 *     dead-letters them); null when it did or needed no conversion
 */
record InputRecord(
    String role,
    String topic,
    String key,
    Headers headers,
    byte[] value,
    Long time,
    String unconverted) {

  InputRecord withTime(Long newTime) {
    return new InputRecord(role, topic, key, headers, value, newTime, unconverted);
  }
}
