package dev.healthstreams.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every error found in a config, reported together. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
