package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.Backtest;
import dev.healthstreams.runtime.BacktestInputException;
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
      "Run a topology over files with no broker; writes <output-dir>/<role>.ndjson per output (and"
          + " <topic>.ndjson per route), one line per record as `tail` prints it.",
      "Input lines (plain or gzip NDJSON): FHIR or JSON values (key = the resource id), Avro"
          + " records as `tail` prints their value (converted through the role's schema; one that"
          + " does not convert is dead-lettered), or whole `tail` lines replayed with their key,"
          + " headers and timestamp (a role that reads several topics takes the line's topic).",
      "A record's time is the line's timestamp, else its metadata.timestamp (epoch ms or"
          + " ISO-8601), else that of the line before it in its file, else its arrival (1 ms a"
          + " record from the epoch).",
      "Seeds, then table inputs (e.g. patients, knowledge) are fed first, each file in the order"
          + " given; all stream inputs are then merged by time, each file kept in its order. The"
          + " wall clock moves up to each record's time first, so wall-clock punctuators fire as"
          + " in production."
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
    Map<String, Long> counts;
    try {
      counts = Backtest.run(loaded, topology, byRole, outputDir);
    } catch (BacktestInputException e) {
      throw new UsageException(e.getMessage());
    }
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
