package dev.healthstreams.topology.support;

import dev.healthstreams.avro.StoredInputPosition;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** An {@link UndoLog} as a store value's Avro array of entries, and back. */
public final class StoredUndoLog {
  private StoredUndoLog() {}

  /**
   * @param changedBy an entry's position
   * @param before an entry's state, as the processor keeps it
   */
  public static <E, S> UndoLog<S> read(
      List<E> stored, Function<E, StoredInputPosition> changedBy, Function<E, S> before) {
    return UndoLog.of(
        stored.stream()
            .map(
                entry -> new UndoLog.Entry<>(position(changedBy.apply(entry)), before.apply(entry)))
            .toList());
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
