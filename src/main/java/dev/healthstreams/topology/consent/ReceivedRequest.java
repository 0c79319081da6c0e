package dev.healthstreams.topology.consent;

/**
 * An access request as it arrived, its bytes, and the request read from them. Every request is read
 * on arrival, to learn whether it is keyed by its patient (the topic's contract), and the decision
 * uses that reading: one parse a request instead of a scan for the patient and a parse. A request
 * that takes the repartition hop carries its bytes alone, unchanged, and is read again on the other
 * side ({@link #request(long)}).
 */
record ReceivedRequest(byte[] bytes, AccessRequest read) {

  /** Reads the request; a bad one throws, to the dead letters. */
  static ReceivedRequest of(byte[] bytes, long recordTime) {
    return new ReceivedRequest(bytes, AccessRequest.read(bytes, recordTime));
  }

  /** Bytes that came over the repartition hop, not read yet. */
  static ReceivedRequest unread(byte[] bytes) {
    return new ReceivedRequest(bytes, null);
  }

  /**
   * The request, read now if it was not: {@code recordTime} decides one with no time of its own.
   */
  AccessRequest request(long recordTime) {
    return read != null ? read : AccessRequest.read(bytes, recordTime);
  }

  /** Whether the record's key is the patient the request names. Only for a request already read. */
  boolean keyedBy(String key) {
    return key != null && key.equals(read.query().patientId());
  }
}
