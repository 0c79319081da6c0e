package dev.healthstreams.cli.console;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for a command that shuts down itself: the shutdown hook tells the main thread
 * to stop and then waits for it to finish, since the JVM halts as soon as its hooks return and the
 * main thread still has the streams to close and the final summary to print.
 */
public final class StopSignal {
  /** How long the hook waits for the main thread: the streams' close, the broker's, the summary. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);

  private StopSignal() {}

  public static StopSignal install() {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(signal::stopAndWait, "healthstreams-demo-stop"));
    return signal;
  }

  private void stopAndWait() {
    stop.countDown();
    try {
      done.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Until Ctrl-C, or {@code limit} when not null. */
  public void await(Duration limit) throws InterruptedException {
    if (limit == null) {
      stop.await();
    } else {
      stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The main thread has finished: the hook may return. */
  public void done() {
    done.countDown();
  }
}
