package dev.healthstreams.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --embedded-env}: how a second shell finds a running embedded mode. */
final class EmbeddedEnvOption {
  @Option(
      names = "--embedded-env",
      paramLabel = "FILE",
      defaultValue = ".healthstreams/embedded.env",
      description =
          "Addresses of a running embedded mode, used when present (default: ${DEFAULT-VALUE}).")
  Path file;
}
