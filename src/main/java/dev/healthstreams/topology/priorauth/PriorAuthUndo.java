package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.avro.PriorAuthViewBefore;
import dev.healthstreams.topology.support.CommittedInput;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.StoredUndoLog;
import dev.healthstreams.topology.support.UndoLog;
import java.util.List;
import java.util.Optional;

/**
 * The undo log a PA's stored view keeps under at-least-once ({@link UndoLog}), in its {@code undo}
 * field. Without a committed input (exactly-once, tests, backtests) there is none: every log reads
 * empty and nothing is logged.
 */
final class PriorAuthUndo {
  static final PriorAuthUndo NONE = new PriorAuthUndo(Optional.empty());

  private final Optional<CommittedInput> committed;

  PriorAuthUndo(Optional<CommittedInput> committed) {
    this.committed = committed;
  }

  /** The stored view's undo log. */
  UndoLog<PriorAuthView> of(PriorAuthView stored) {
    if (committed.isEmpty() || stored == null || stored.getUndo().isEmpty()) {
      return UndoLog.empty();
    }
    return StoredUndoLog.read(
        stored.getUndo(), PriorAuthViewBefore::getChangedBy, PriorAuthViewBefore::getView);
  }

  /** {@code undo} with the change the event read at {@code here} made to {@code before}. */
  UndoLog<PriorAuthView> after(
      UndoLog<PriorAuthView> undo, InputPosition here, PriorAuthView before) {
    return committed
        .map(
            input ->
                undo.after(here, before == null ? null : stored(before, UndoLog.empty()), input))
        .orElse(undo);
  }

  /** {@code view} as stored with {@code undo}; the same instance when neither has entries. */
  static PriorAuthView stored(PriorAuthView view, UndoLog<PriorAuthView> undo) {
    if (undo.isEmpty() && view.getUndo().isEmpty()) {
      return view;
    }
    List<PriorAuthViewBefore> entries = StoredUndoLog.write(undo, PriorAuthViewBefore::new);
    return PriorAuthView.newBuilder(view).setUndo(entries).build();
  }
}
