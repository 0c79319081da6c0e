package dev.healthstreams.cli;

/** The command line asks for something that does not exist (exit 2). */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
