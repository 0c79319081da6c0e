package dev.healthstreams.topology.support;

/**
 * Where a processor read a record: input topic, partition and offset. Stored beside state that a
 * record made, it tells a record read again after a crash from a new one.
 *
 * <p>At-least-once can restore a store ahead of the committed input (the state's changelog write
 * reached the broker, the record's outputs did not) and then reads the input again from the last
 * commit. State made by the record being read, or by a later one of the same partition, is the
 * trace of an earlier attempt at that very record, or of its future: it must not make the record a
 * duplicate. Under exactly-once such state is never restored (its changelog writes are aborted with
 * the outputs), so the comparison changes nothing there.
 */
public record InputPosition(String topic, int partition, long offset) {
  /** When the processor context does not say (a punctuation; a mock without metadata). */
  public static final InputPosition UNKNOWN = new InputPosition("", -1, -1);

  private static final char SEPARATOR = '\u0000';

  /** Whether a record read here was read before one read at {@code current}, as far as known. */
  public boolean isBefore(InputPosition current) {
    boolean samePartition =
        !topic.isEmpty() && topic.equals(current.topic) && partition == current.partition;
    return !samePartition || offset < current.offset;
  }

  /** {@code value} with this position appended, for a string store value. */
  public String appendTo(String value) {
    return value + SEPARATOR + topic + SEPARATOR + partition + SEPARATOR + offset;
  }

  /** The value {@link #appendTo} stored; a value stored without a position is returned whole. */
  public static String valueOf(String stored) {
    int topicAt = topicSeparator(stored);
    return topicAt < 0 ? stored : stored.substring(0, topicAt);
  }

  /** The position {@link #appendTo} stored; {@link #UNKNOWN} for a value stored without one. */
  public static InputPosition of(String stored) {
    int topicAt = topicSeparator(stored);
    if (topicAt < 0) {
      return UNKNOWN;
    }
    int offsetAt = stored.lastIndexOf(SEPARATOR);
    int partitionAt = stored.lastIndexOf(SEPARATOR, offsetAt - 1);
    return new InputPosition(
        stored.substring(topicAt + 1, partitionAt),
        Integer.parseInt(stored.substring(partitionAt + 1, offsetAt)),
        Long.parseLong(stored.substring(offsetAt + 1)));
  }

  /** topic/partition/offset, as log lines name it. */
  @Override
  public String toString() {
    return topic + "/" + partition + "/" + offset;
  }

  /** The third separator from the end (the value may hold one), or -1. */
  private static int topicSeparator(String stored) {
    int at = stored.length();
    for (int i = 0; i < 3; i++) {
      at = stored.lastIndexOf(SEPARATOR, at - 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }
}
