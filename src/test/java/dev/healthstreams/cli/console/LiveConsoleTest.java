package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {
  private static final String ESC = "\u001b[";

  /** A header, one line per recent output asked for, and a last line saying whether final. */
  private static List<String> frame(int lastOutputs, boolean last) {
    List<String> lines = new ArrayList<>(List.of("header " + "x".repeat(20)));
    for (int i = 0; i < lastOutputs; i++) {
      lines.add("> output " + i);
    }
    lines.add(last ? "stopped" : "running");
    return lines;
  }

  @Test
  void shouldRedrawOverThePreviousFrameAndLeaveTheFinalOne() throws Exception {
    StringWriter text = new StringWriter();
    LiveConsole console =
        new LiveConsole(new PrintWriter(text), LiveConsoleTest::frame, new TerminalSize(15, 4));
    console.record("#1 topic line"); // shown by the frame's recent outputs, not as a line
    console.refresh();
    String first = text.toString();
    // The 27-character header takes 2 rows of 15 columns: with 1 recent output the frame takes 4
    // rows, which do not fit above the cursor line of a 4-row terminal; with none, 3 do.
    String header = "header " + "x".repeat(20);
    assertEquals(ESC + "J" + header + "\nrunning\n", first);

    console.refresh();
    assertEquals(first + "\r" + ESC + "3A" + first, text.toString());

    console.close();
    String all = text.toString();
    assertEquals(
        "\r" + ESC + "3A" + ESC + "J" + header + "\nstopped\n",
        all.substring(all.lastIndexOf("\r")));
  }

  @Test
  void shouldShowTheLastOutputsWhenTheTerminalIsTallEnough() {
    StringWriter text = new StringWriter();
    LiveConsole console =
        new LiveConsole(new PrintWriter(text), LiveConsoleTest::frame, new TerminalSize(80, 6));
    console.refresh();
    assertEquals(
        ESC + "J" + "header " + "x".repeat(20) + "\n> output 0\n> output 1\n> output 2\nrunning\n",
        text.toString());
  }
}
