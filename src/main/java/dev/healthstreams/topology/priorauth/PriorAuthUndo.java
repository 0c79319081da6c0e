package dev.healthstreams.topology.priorauth;

import dev.healthstreams.avro.PriorAuthView;
import dev.healthstreams.avro.PriorAuthViewBefore;
import dev.healthstreams.topology.support.InputPosition;
import dev.healthstreams.topology.support.StoredUndoLog;
import dev.healthstreams.topology.support.UndoLog;
import java.util.List;
import java.util.Map;

/**
 * The undo log a PA's stored view keeps under at-least-once ({@link UndoLog}), in its {@code undo}
 * field. Where none is kept (exactly-once, tests, backtests) every log reads empty and nothing is
 * logged ({@link StoredUndoLog}).
 */
final class PriorAuthUndo {
  static final PriorAuthUndo NONE = new PriorAuthUndo(StoredUndoLog.OFF);

  private final StoredUndoLog logs;

  private PriorAuthUndo(StoredUndoLog logs) {
    this.logs = logs;
  }

  /** As the processor's {@code context.appConfigs()} say ({@link StoredUndoLog#from}). */
  static PriorAuthUndo from(Map<String, Object> appConfigs) {
    return new PriorAuthUndo(StoredUndoLog.from(appConfigs));
  }

  /** The stored view's undo log. */
  UndoLog<PriorAuthView> of(PriorAuthView stored) {
    return stored == null
        ? UndoLog.empty()
        : logs.read(
            stored.getUndo(), PriorAuthViewBefore::getChangedBy, PriorAuthViewBefore::getView);
  }

  /**
   * {@code undo} with the change the event read at {@code here} made to {@code before}, kept
   * without its own undo log.
   */
  UndoLog<PriorAuthView> after(
      UndoLog<PriorAuthView> undo, InputPosition here, PriorAuthView before) {
    return logs.after(undo, here, before == null ? null : stored(before, UndoLog.empty()));
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
