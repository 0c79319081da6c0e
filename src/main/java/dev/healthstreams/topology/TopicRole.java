package dev.healthstreams.topology;

/** A logical topic a topology reads or writes; the config maps it to a real topic name. */
public record TopicRole(String name, Kind kind, String description) {
  public enum Kind {
    /** An event stream input. */
    STREAM_INPUT,
    /** A table-like input (latest value per key): backtest feeds these first. */
    TABLE_INPUT,
    OUTPUT,
    DEAD_LETTER
  }

  public boolean isInput() {
    return kind == Kind.STREAM_INPUT || kind == Kind.TABLE_INPUT;
  }

  public static final String DEAD_LETTER_ROLE = "dead-letter";
}
