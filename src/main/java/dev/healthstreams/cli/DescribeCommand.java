package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.Topologies;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Print a topology's graph, as configured in the config file.")
final class DescribeCommand implements Callable<Integer> {
  enum Format {
    text,
    mermaid
  }

  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Parameters(paramLabel = "NAME", description = "Topology name (see `list`).")
  String name;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or mermaid (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    TopologySelection.requireKnown(config.registry(), name);
    AppConfig loaded = config.load();
    BuiltTopology topology =
        Topologies.forInspection(
                loaded, TopologySelection.resolve(config.registry(), List.of(name), loaded))
            .get(0);
    String text =
        format == Format.mermaid
            ? MermaidDiagram.render(topology.topology().describe())
            : topology.topology().describe().toString();
    spec.commandLine().getOut().println(text);
    spec.commandLine().getOut().flush();
    return Cli.OK;
  }
}
