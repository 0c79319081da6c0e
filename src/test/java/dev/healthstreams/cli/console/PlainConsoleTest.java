package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainConsoleTest {
  private final List<String> figures = new ArrayList<>(List.of("alerting in 0/0"));
  private final List<String> links = new ArrayList<>(List.of("  http://h/p/{id}"));
  private int ticks;

  private List<String> frame(int lastOutputs, boolean last) {
    List<String> lines = new ArrayList<>();
    lines.add((last ? "stopped after " : "running for ") + ticks++);
    lines.addAll(figures);
    for (int i = 0; i < lastOutputs; i++) {
      lines.add("  > output " + i);
    }
    lines.add("try:");
    lines.addAll(links);
    return lines;
  }

  @Test
  void shouldPrintRecordsAsTheyComeAndFiguresAndLinksOnlyWhenTheyChanged() throws Exception {
    StringWriter text = new StringWriter();
    PlainConsole console = new PlainConsole(new PrintWriter(text), this::frame);
    console.record("#1 clinical.alerts HIGH r1 patient=p1");
    console.refresh();
    console.refresh(); // nothing changed but the header's clock: prints nothing
    figures.set(0, "alerting in 12/12");
    console.refresh(); // figures changed, links did not
    links.set(0, "  http://h/p/p1");
    console.refresh(); // links changed, figures did not
    console.close();

    assertEquals(
        String.join(
            System.lineSeparator(),
            "#1 clinical.alerts HIGH r1 patient=p1",
            "running for 0",
            "alerting in 0/0",
            "try:",
            "  http://h/p/{id}",
            "running for 2",
            "alerting in 12/12",
            "try:",
            "  http://h/p/p1",
            "stopped after 4",
            "alerting in 12/12",
            "  > output 0",
            "  > output 1",
            "  > output 2",
            "try:",
            "  http://h/p/p1",
            ""),
        text.toString());
    assertFalse(text.toString().contains("\u001b"), "no escape sequences in plain lines");
  }
}
