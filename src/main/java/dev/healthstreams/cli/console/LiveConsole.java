package dev.healthstreams.cli.console;

import java.io.PrintWriter;
import java.util.List;

/**
 * The summary redrawn in place: each refresh moves the cursor up over the previous frame ({@code
 * ESC[nA}), clears to the end of the screen ({@code ESC[J}) and prints the new one. Lines are cut
 * to the terminal's width, since a wrapped line would make the count of lines to move up wrong, and
 * the recent outputs shown are fewer when the frame would be taller than the terminal.
 */
public final class LiveConsole extends DemoConsole {
  static final String ESC = "\u001b[";

  private final TerminalSize size;
  private int drawnRows;

  public LiveConsole(PrintWriter out, Frames frames, TerminalSize size) {
    super(out, frames);
    this.size = size;
  }

  /** Outputs show in the frame's recent summaries; a line each would scroll the frame away. */
  @Override
  public void record(String line) {}

  @Override
  protected void refresh() {
    draw(false);
  }

  @Override
  protected void finish() {
    draw(true);
  }

  private void draw(boolean last) {
    List<String> lines = fitting(last);
    StringBuilder frame = new StringBuilder();
    if (drawnRows > 0) {
      frame.append('\r').append(ESC).append(drawnRows).append('A');
    }
    frame.append(ESC).append('J');
    for (String line : lines) {
      frame.append(line).append('\n');
    }
    out.print(frame);
    out.flush();
    drawnRows = size.rowsOf(lines);
  }

  private List<String> fitting(boolean last) {
    int lastOutputs = LAST_OUTPUTS;
    List<String> lines = frames.frame(lastOutputs, last);
    while (lastOutputs > 0 && !size.fits(size.rowsOf(lines))) {
      lines = frames.frame(--lastOutputs, last);
    }
    return lines;
  }
}
