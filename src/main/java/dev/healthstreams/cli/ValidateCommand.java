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
    var out = spec.commandLine().getOut();
    out.printf("%s is valid: topologies %s%n", config.file, loaded.topologies().keySet());
    // Valid as a file, but `run` and `demo` will refuse these unless other topologies are chosen.
    TopologySelection.refusedToRun(config.registry(), loaded.topologies().keySet(), loaded)
        .forEach(refused -> out.printf("note: %s; run and demo refuse it%n", refused));
    out.flush();
    return Cli.OK;
  }
}
