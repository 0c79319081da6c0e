package dev.healthstreams.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Closes several things at once, each on its own thread, and returns when all are closed: a replica
 * running several topologies then exits within one {@code app.shutdown-timeout}, where closing them
 * one after another, each allowed the whole timeout, took up to that many times it (found by
 * ChaosIT's graceful restart).
 */
final class ParallelClose {
  private ParallelClose() {}

  /**
   * @param closers by the name their thread carries
   */
  static void closeAll(Map<String, Runnable> closers) {
    List<Thread> threads = new ArrayList<>();
    closers.forEach(
        (name, close) -> {
          Thread thread = new Thread(close, "healthstreams-close-" + name);
          thread.start();
          threads.add(thread);
        });
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
