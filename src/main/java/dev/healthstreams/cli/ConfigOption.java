package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.runtime.EmbeddedEnv;
import dev.healthstreams.topology.TopologyCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config}: the topologies.yaml every command that touches Kafka reads. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "topologies.yaml",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path file;

  AppConfig load() {
    return new ConfigLoader(TopologyCatalog.schemas(), System.getenv()).load(file);
  }

  /**
   * Loads with the addresses of a running embedded mode (read from {@code envFile}) as defaults, so
   * that `tail` and `replay` in a second shell reach it; variables set in the environment still
   * win.
   */
  AppConfig loadPreferringEmbedded(Path envFile) {
    Map<String, String> env = new HashMap<>();
    EmbeddedEnv.read(envFile)
        .ifPresent(
            e -> {
              env.put("KAFKA_BOOTSTRAP_SERVERS", e.bootstrapServers());
              env.put("SCHEMA_REGISTRY_URL", e.schemaRegistryUrl());
            });
    env.putAll(System.getenv());
    return new ConfigLoader(TopologyCatalog.schemas(), env).load(file);
  }
}
