package dev.healthstreams.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn in place. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;

  ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  void update(long done, long total) {
    int filled = total <= 0 ? WIDTH : (int) (WIDTH * done / total);
    long percent = total <= 0 ? 100 : 100 * done / total;
    err.printf(
        "\r%s [%s%s] %3d%% %d/%d",
        label, "#".repeat(filled), ".".repeat(WIDTH - filled), percent, done, total);
    err.flush();
  }

  void finish() {
    err.println();
    err.flush();
  }
}
