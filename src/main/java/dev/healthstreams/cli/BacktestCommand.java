package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Run a topology over NDJSON files with no broker; writes <output-dir>/<role>.ndjson per output.",
      "Table-like inputs (e.g. patients) are fed before streams."
    })
final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--topology",
      required = true,
      paramLabel = "NAME",
      description = "Topology to run.")
  String topology;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "ROLE=FILE",
      description = "An input file for a topic role; repeat for several files and roles.")
  List<String> inputs;

  @Option(
      names = "--output-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where outputs go.")
  Path outputDir;

  @Override
  public Integer call() {
    TopologySelection.requireKnown(config.registry(), topology);
    Map<String, List<Path>> byRole = inputsByRole(config.registry().byName(topology).orElseThrow());
    AppConfig loaded = config.load();
    TopologySelection.resolve(config.registry(), List.of(topology), loaded);
    Map<String, Long> counts = Backtest.run(loaded, topology, byRole, outputDir);
    counts.forEach(
        (file, n) ->
            spec.commandLine().getOut().printf("%s/%s.ndjson: %d records%n", outputDir, file, n));
    spec.commandLine().getOut().flush();
    return Cli.OK;
  }

  private Map<String, List<Path>> inputsByRole(TopologyDefinition<?> definition) {
    List<String> roles =
        definition.roles().stream().filter(TopicRole::isInput).map(TopicRole::name).toList();
    Map<String, List<Path>> byRole = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String input : inputs) {
      int eq = input.indexOf('=');
      String role = eq < 0 ? "" : input.substring(0, eq);
      if (!roles.contains(role)) {
        problems.add("--input " + input + ": role must be one of " + roles);
        continue;
      }
      Path file = Path.of(input.substring(eq + 1));
      if (!Files.isReadable(file)) {
        problems.add("--input " + input + ": cannot read " + file);
        continue;
      }
      byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(file);
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\n", problems));
    }
    return byRole;
  }
}
