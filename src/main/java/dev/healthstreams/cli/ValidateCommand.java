package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a configuration file: exit 0, or 2 listing every error with its path.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    AppConfig loaded = config.load();
    spec.commandLine()
        .getOut()
        .printf("%s is valid: topologies %s%n", config.file, loaded.topologies().keySet());
    spec.commandLine().getOut().flush();
    return Cli.OK;
  }
}
