package dev.healthstreams.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition, polling; fails with what was awaited when it does not come true. */
public final class Await {
  private Await() {}

  public static void until(String what, Duration timeout, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.onSpinWait();
      Thread.sleep(200); // polling interval of a condition wait, not a guess at timing
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }
}
