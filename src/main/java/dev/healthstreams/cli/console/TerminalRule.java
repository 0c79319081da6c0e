package dev.healthstreams.cli.console;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the demo redraws its summary in place (ANSI cursor movement) or prints plain lines.
 *
 * <p>In place only when all hold: no {@code --plain}; {@link System#console()} is not null and, on
 * a Java that has {@code Console.isTerminal()} (22+), says it is a terminal; and {@code TERM} is
 * set and not {@code dumb}. The second check is needed because Java 22 to 24 return a JLine console
 * even when stdout is redirected, while Java 17 to 21 and 25 return null unless a terminal is
 * attached (JDK-8361911; Java 20 and 21 asked for JLine with {@code -Djdk.console=jdk.internal.le}
 * cannot tell, and need {@code --plain}); the third because a terminal that does not understand
 * ANSI would show the escapes.
 */
public final class TerminalRule {
  private TerminalRule() {}

  public static boolean redrawsInPlace(boolean plain, boolean consoleIsTerminal, String term) {
    return !plain && consoleIsTerminal && term != null && !term.isBlank() && !"dumb".equals(term);
  }

  /** Whether this JVM's console is a terminal, as far as this Java can tell. */
  public static boolean consoleIsTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22 a non-null console is a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
