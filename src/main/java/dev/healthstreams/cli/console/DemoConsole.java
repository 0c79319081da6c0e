package dev.healthstreams.cli.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the demo's summary while it runs and once more when it stops: redrawn in place on a
 * terminal ({@link LiveConsole}), as plain lines otherwise ({@link PlainConsole}).
 */
public abstract class DemoConsole implements AutoCloseable {
  /** The summary's lines, from {@link DemoScreen#render}. */
  @FunctionalInterface
  public interface Frames {
    /**
     * @param lastOutputs how many recent summaries per topology to include
     * @param last whether this is the summary printed when the demo stops
     */
    List<String> frame(int lastOutputs, boolean last);
  }

  /** How many recent outputs per topology the summary shows, room permitting. */
  public static final int LAST_OUTPUTS = 3;

  protected final PrintWriter out;
  protected final Frames frames;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "healthstreams-demo-console");
            t.setDaemon(true);
            return t;
          });
  private boolean closed;

  protected DemoConsole(PrintWriter out, Frames frames) {
    this.out = out;
    this.frames = frames;
  }

  /** Starts refreshing every {@code periodMillis}. */
  public final DemoConsole start(long periodMillis) {
    timer.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One output or dead letter as it arrives, in a line such as "#12 clinical.alerts HIGH ...". */
  public abstract void record(String line);

  /** A periodic refresh. */
  protected abstract void refresh();

  /** The summary when the demo stops. */
  protected abstract void finish();

  private synchronized void tick() {
    if (!closed) {
      try {
        refresh();
      } catch (RuntimeException e) {
        // A failed refresh (a store being rebalanced, say) is retried on the next tick.
      }
    }
  }

  /** Stops refreshing and shows the final summary. */
  @Override
  public final void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    synchronized (this) {
      closed = true;
      finish();
      out.flush();
    }
  }
}
