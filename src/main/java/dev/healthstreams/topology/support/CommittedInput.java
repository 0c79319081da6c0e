package dev.healthstreams.topology.support;

import java.util.Map;
import java.util.Optional;

/**
 * Which input a topology has committed, as far as it knows: a record read at or after the committed
 * offset of its partition may be read again after a crash. Under at-least-once the running topology
 * installs one in its Streams config ({@link #CONFIG}) for the processors that must undo what such
 * a record changed ({@link UndoLog}); under exactly-once, and in tests and backtests that install
 * none, processors keep no undo log.
 */
public interface CommittedInput {
  /** The Streams config key the running topology installs its instance under. */
  String CONFIG = "healthstreams.committed-input";

  /**
   * Whether the record read at {@code position} is committed: a crash can no longer make the
   * topology read it again. False when not known, which only keeps an undo entry longer.
   */
  boolean isCommitted(InputPosition position);

  /** The instance installed in a processor's {@code context.appConfigs()}, if any. */
  static Optional<CommittedInput> from(Map<String, Object> appConfigs) {
    return appConfigs.get(CONFIG) instanceof CommittedInput installed
        ? Optional.of(installed)
        : Optional.empty();
  }
}
