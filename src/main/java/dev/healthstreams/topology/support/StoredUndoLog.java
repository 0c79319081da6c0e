package dev.healthstreams.topology.support;

import dev.healthstreams.avro.StoredInputPosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Undo logs ({@link UndoLog}) as store values keep them, in an Avro array of entries: read,
 * extended and written back. Only where a committed input is installed (at-least-once) is any kept;
 * otherwise ({@link #OFF}: exactly-once, tests, backtests) every log reads empty and nothing is
 * logged, one check per record.
 */
public final class StoredUndoLog {
  public static final StoredUndoLog OFF = new StoredUndoLog(Optional.empty());

  private final Optional<CommittedInput> committed;

  private StoredUndoLog(Optional<CommittedInput> committed) {
    this.committed = committed;
  }

  /** As the processor's {@code context.appConfigs()} say: kept when a committed input is there. */
  public static StoredUndoLog from(Map<String, Object> appConfigs) {
    return new StoredUndoLog(CommittedInput.from(appConfigs));
  }

  /**
   * @param stored the value's entries
   * @param changedBy an entry's position
   * @param before an entry's state, as the processor keeps it
   */
  public <E, S> UndoLog<S> read(
      List<E> stored, Function<E, StoredInputPosition> changedBy, Function<E, S> before) {
    if (committed.isEmpty() || stored.isEmpty()) {
      return UndoLog.empty();
    }
    return UndoLog.of(
        stored.stream()
            .map(
                entry -> new UndoLog.Entry<>(position(changedBy.apply(entry)), before.apply(entry)))
            .toList());
  }

  /**
   * A log its store value decodes whole (not an Avro array): {@code stored} where logs are kept,
   * else empty, as {@link #read} would give it.
   */
  public <S> UndoLog<S> kept(UndoLog<S> stored) {
    return committed.isEmpty() ? UndoLog.empty() : stored;
  }

  /**
   * {@code undo} with the change the record read at {@code here} made to {@code before}, without
   * the committed ones ({@link UndoLog#after}); {@code undo} itself when none are kept.
   */
  public <S> UndoLog<S> after(UndoLog<S> undo, InputPosition here, S before) {
    return committed.map(input -> undo.after(here, before, input)).orElse(undo);
  }

  /**
   * @param entry an Avro entry from a position and a state
   */
  public static <E, S> List<E> write(UndoLog<S> log, BiFunction<StoredInputPosition, S, E> entry) {
    return log.entries().stream().map(e -> entry.apply(stored(e.changedBy()), e.before())).toList();
  }

  private static InputPosition position(StoredInputPosition stored) {
    return new InputPosition(stored.getTopic(), stored.getPartition(), stored.getOffset());
  }

  private static StoredInputPosition stored(InputPosition position) {
    return new StoredInputPosition(position.topic(), position.partition(), position.offset());
  }
}
