package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalSizeTest {
  @Test
  void shouldTakeExportedColumnsAndLines() {
    assertEquals(
        new TerminalSize(132, 50), TerminalSize.fromEnv(Map.of("COLUMNS", "132", "LINES", "50")));
    assertNull(TerminalSize.fromEnv(Map.of("COLUMNS", "132")));
    assertNull(TerminalSize.fromEnv(Map.of("COLUMNS", "wide", "LINES", "50")));
  }

  @Test
  void shouldReadSttyRowsThenColumnsAndFallBackWhenItKnowsNothing() {
    assertEquals(new TerminalSize(120, 40), TerminalSize.parseStty("40 120\n"));
    assertEquals(TerminalSize.DEFAULT, TerminalSize.parseStty("0 0\n")); // a pty nobody sized
    assertEquals(TerminalSize.DEFAULT, TerminalSize.parseStty(""));
  }

  @Test
  void shouldCountTheRowsOfWrappedLinesAndFitFramesAboveTheCursorLine() {
    TerminalSize size = new TerminalSize(10, 5);
    assertEquals(1, size.rowsOf(""));
    assertEquals(1, size.rowsOf("1234567890")); // fills the row; the newline moves to the next
    assertEquals(2, size.rowsOf("1234567890a"));
    assertEquals(4, size.rowsOf(java.util.List.of("12345", "1234567890abcdefghijk")));
    assertTrue(size.fits(4));
    assertFalse(size.fits(5));
  }
}
