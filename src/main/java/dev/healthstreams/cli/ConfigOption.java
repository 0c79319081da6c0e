package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.EmbeddedEnv;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --config}: the topologies.yaml every command that touches Kafka reads. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "topologies.yaml",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path file;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  AppConfig load() {
    return registry().loader(System.getenv()).load(file);
  }

  TopologyRegistry registry() {
    return HealthstreamsCommand.registry(command);
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
    return registry().loader(env).load(file);
  }
}
