package dev.healthstreams.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * A logical topic a topology reads or writes; the config maps it to a real topic name (or, for a
 * role that reads several topics, a list). The role says what its values are ({@link ValueFormat}),
 * whether an output is a compacted table, and for inputs which bundled sample {@code demo} and
 * {@code bench} feed it.
 *
 * @param sample a classpath resource of NDJSON (plain or .gz), or null
 * @param keyPath where a file line's key is, as a dotted path into the value as `tail` prints it
 *     ({@code payload.priorAuthId}); null for the default (the resource id, or an Avro record's
 *     {@code id} or first {@code ...Id} field)
 */
public record TopicRole<V>(
    String name,
    Kind kind,
    ValueFormat<V> format,
    String description,
    boolean compacted,
    String sample,
    boolean manyTopics,
    String keyPath) {

  public static final String DEAD_LETTER_ROLE = "dead-letter";

  public enum Kind {
    /** An event stream input: backtest merges these by timestamp. */
    STREAM_INPUT,
    /** A table-like input (latest value per key): compacted, fed first by backtest and demo. */
    TABLE_INPUT,
    OUTPUT,
    DEAD_LETTER
  }

  public TopicRole {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(format, "format");
  }

  public static <V> TopicRole<V> streamInput(String name, ValueFormat<V> format, String text) {
    return new TopicRole<>(name, Kind.STREAM_INPUT, format, text, false, null, false, null);
  }

  public static <V> TopicRole<V> tableInput(String name, ValueFormat<V> format, String text) {
    return new TopicRole<>(name, Kind.TABLE_INPUT, format, text, true, null, false, null);
  }

  public static <V> TopicRole<V> output(String name, ValueFormat<V> format, String text) {
    return new TopicRole<>(name, Kind.OUTPUT, format, text, false, null, false, null);
  }

  public static TopicRole<byte[]> deadLetter() {
    return new TopicRole<>(
        DEAD_LETTER_ROLE,
        Kind.DEAD_LETTER,
        ValueFormat.original(),
        "records that could not be processed, with their provenance headers",
        false,
        null,
        false,
        null);
  }

  /** An output kept as a table: the latest record per key, on a compacted topic. */
  public TopicRole<V> asTable() {
    return new TopicRole<>(name, kind, format, description, true, sample, manyTopics, keyPath);
  }

  /** The bundled sample (a classpath resource) that demo and bench feed this input. */
  public TopicRole<V> withSample(String resource) {
    return new TopicRole<>(
        name, kind, format, description, compacted, resource, manyTopics, keyPath);
  }

  /** The role reads a list of topics (one per source system, say). */
  public TopicRole<V> reading(boolean many) {
    return new TopicRole<>(name, kind, format, description, compacted, sample, many, keyPath);
  }

  /**
   * Where the key of a record read from a file (backtest, demo and bench samples) is in its value,
   * as a dotted path: for events whose key is inside a block, such as {@code payload.patientId}.
   */
  public TopicRole<V> keyedBy(String path) {
    return new TopicRole<>(name, kind, format, description, compacted, sample, manyTopics, path);
  }

  public Optional<String> sampleResource() {
    return Optional.ofNullable(sample);
  }

  public boolean isInput() {
    return kind == Kind.STREAM_INPUT || kind == Kind.TABLE_INPUT;
  }
}
