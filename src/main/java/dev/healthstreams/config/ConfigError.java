package dev.healthstreams.config;

/** One problem in a config file: where it is and what is wrong. Never carries a secret value. */
public record ConfigError(String path, int line, String message) {
  @Override
  public String toString() {
    return (line > 0 ? path + " (line " + line + ")" : path) + ": " + message;
  }
}
