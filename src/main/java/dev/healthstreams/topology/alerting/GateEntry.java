package dev.healthstreams.topology.alerting;

/**
 * A value the alert gate remembers, with the position of the alert that made it (its input topic,
 * partition and offset).
 *
 * <p>The position is what keeps at-least-once from losing an alert. There, a crash can leave the
 * gate's stores restored with entries whose alerts never reached the output (the changelog write
 * got through, the alert's did not), and the input is read again from the last committed offset. An
 * entry made by the record being processed, or by one after it in the same partition, is then the
 * trace of an earlier attempt at this very record or of its future: it must not make the record a
 * duplicate, nor suppress it. Under exactly-once such entries are never restored (their changelog
 * writes are aborted with the output), so the rule changes nothing there.
 *
 * <p>Stored as {@code value NUL topic NUL partition NUL offset}; a value stored without a position
 * (before positions were kept) counts as made before any record.
 */
record GateEntry(String value, Position madeBy) {
  private static final char SEPARATOR = '\u0000';

  /** Where a record was read; {@link #UNKNOWN} when the processor context does not say. */
  record Position(String topic, int partition, long offset) {
    static final Position UNKNOWN = new Position("", -1, -1);

    /** Whether a record read at this position was read before one read at {@code current}. */
    boolean isBefore(Position current) {
      boolean samePartition =
          !topic.isEmpty() && topic.equals(current.topic) && partition == current.partition;
      return !samePartition || offset < current.offset;
    }

    /** topic/partition/offset, as the gate's log lines name it. */
    @Override
    public String toString() {
      return topic + "/" + partition + "/" + offset;
    }
  }

  String encode() {
    return value
        + SEPARATOR
        + madeBy.topic
        + SEPARATOR
        + madeBy.partition
        + SEPARATOR
        + madeBy.offset;
  }

  static GateEntry decode(String stored) {
    int offsetAt = stored.lastIndexOf(SEPARATOR);
    if (offsetAt < 0) {
      return new GateEntry(stored, Position.UNKNOWN);
    }
    int partitionAt = stored.lastIndexOf(SEPARATOR, offsetAt - 1);
    int topicAt = stored.lastIndexOf(SEPARATOR, partitionAt - 1);
    return new GateEntry(
        stored.substring(0, topicAt),
        new Position(
            stored.substring(topicAt + 1, partitionAt),
            Integer.parseInt(stored.substring(partitionAt + 1, offsetAt)),
            Long.parseLong(stored.substring(offsetAt + 1))));
  }

  /** Whether this entry was made by a record read before the one at {@code current}. */
  boolean madeBefore(Position current) {
    return madeBy.isBefore(current);
  }
}
