package dev.healthstreams.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalRuleTest {
  @ParameterizedTest(name = "plain={0} terminal={1} TERM={2}: in place {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "false, true,  xterm-256color, true",
        "true,  true,  xterm-256color, false", // --plain wins
        "false, false, xterm-256color, false", // stdout redirected
        "false, true,  dumb,           false", // Emacs shell, some CI consoles
        "false, true,  null,           false", // no TERM: cron, systemd
        "false, true,  '',             false",
      })
  void shouldRedrawInPlaceOnlyOnATerminalThatUnderstandsAnsi(
      boolean plain, boolean terminal, String term, boolean expected) {
    assertEquals(expected, TerminalRule.redrawsInPlace(plain, terminal, term));
  }

  @org.junit.jupiter.api.Test
  void shouldSayNoTerminalWithoutAConsole() {
    assertEquals(false, TerminalRule.consoleIsTerminal(null));
  }
}
