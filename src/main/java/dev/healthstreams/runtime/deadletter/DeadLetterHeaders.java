package dev.healthstreams.runtime.deadletter;

/** Names of the headers a dead-letter record carries besides the original record's own. */
public final class DeadLetterHeaders {
  public static final String ERROR_CLASS = "healthstreams.error.class";
  public static final String REASON = "healthstreams.error.reason";

  /** Only for our own {@code BadRecordException}s, whose messages are PHI-free by contract. */
  public static final String MESSAGE = "healthstreams.error.message";

  public static final String TOPOLOGY = "healthstreams.topology";
  public static final String SOURCE_TOPIC = "healthstreams.source.topic";
  public static final String SOURCE_PARTITION = "healthstreams.source.partition";
  public static final String SOURCE_OFFSET = "healthstreams.source.offset";

  private DeadLetterHeaders() {}
}
