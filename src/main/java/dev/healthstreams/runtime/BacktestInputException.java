package dev.healthstreams.runtime;

/**
 * A backtest input that cannot be fed as given (a tail line naming a topic its role does not read,
 * say): the user must fix the input, so the CLI reports it as a usage error. The message names the
 * file and line, never the line's content.
 */
public final class BacktestInputException extends RuntimeException {
  public BacktestInputException(String message) {
    super(message);
  }
}
