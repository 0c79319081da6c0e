package dev.healthstreams.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Remembers whether a topology's last run on this state directory ended with a completed close. The
 * file {@code <state-dir>/<application.id>.running} exists from start to a clean close, so a start
 * that finds it follows a crash, a {@code kill -9} or a close that timed out.
 *
 * <p>Why it matters: under exactly_once_v2, Kafka Streams 4.3 trusts no store a dead process left
 * behind, and finds them one task at a time as tasks are assigned. A task it finds dirty while a
 * rebalance is in progress is closed dirty, which aborts the thread's shared transaction without
 * rewinding the other running tasks of that thread: their processed records are then lost (README,
 * "Failure test (chaos)"). Dropping such state before start, when no task is running, removes that
 * trigger; the state comes back from the changelogs, as Kafka would have restored it anyway.
 */
final class CleanExitMarker {
  private final Path file;

  private CleanExitMarker(Path file) {
    this.file = file;
  }

  static CleanExitMarker of(Path stateDir, String applicationId) {
    return new CleanExitMarker(stateDir.resolve(applicationId + ".running"));
  }

  /** True when a run started on this state directory and never closed cleanly. */
  boolean previousRunEndedUncleanly() {
    return Files.exists(file);
  }

  /** Called before start: from now until {@link #markClosedCleanly()}, a crash is detectable. */
  void markRunning() {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Called once every stream thread has committed and closed. */
  void markClosedCleanly() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
