package dev.healthstreams.cli.console;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's columns and rows: {@code COLUMNS} and {@code LINES} when exported, else what
 * {@code stty size} reads from {@code /dev/tty}, else 80 by 24, which every terminal has.
 */
public record TerminalSize(int columns, int rows) {
  static final TerminalSize DEFAULT = new TerminalSize(80, 24);

  public static TerminalSize detect(Map<String, String> env) {
    TerminalSize fromEnv = fromEnv(env);
    return fromEnv != null ? fromEnv : fromStty();
  }

  static TerminalSize fromEnv(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
      int rows = Integer.parseInt(env.getOrDefault("LINES", ""));
      return columns > 0 && rows > 0 ? new TerminalSize(columns, rows) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "rows columns", as stty prints it; the default when stty is missing or says 0 0. */
  static TerminalSize parseStty(String output) {
    String[] parts = output.trim().split("\\s+");
    try {
      int rows = Integer.parseInt(parts[0]);
      int columns = Integer.parseInt(parts[1]);
      return columns > 0 && rows > 0 ? new TerminalSize(columns, rows) : DEFAULT;
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return DEFAULT;
    }
  }

  private static TerminalSize fromStty() {
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(new File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!stty.waitFor(2, TimeUnit.SECONDS)) {
        stty.destroyForcibly();
        return DEFAULT;
      }
      return parseStty(new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return DEFAULT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DEFAULT;
    }
  }

  /** The rows a line takes once the terminal wraps it (a link is never cut: it is copied). */
  int rowsOf(String line) {
    return Math.max(1, (line.length() + columns - 1) / columns);
  }

  /** The rows these lines take. */
  int rowsOf(java.util.List<String> lines) {
    return lines.stream().mapToInt(this::rowsOf).sum();
  }

  /** Whether lines taking this many rows fit with the cursor line below them. */
  boolean fits(int lineRows) {
    return lineRows < rows;
  }
}
