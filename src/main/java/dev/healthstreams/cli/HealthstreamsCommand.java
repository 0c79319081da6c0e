package dev.healthstreams.cli;

import dev.healthstreams.topology.TopologyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "healthstreams",
    mixinStandardHelpOptions = true,
    version = "healthstreams 0.1.0",
    description = "Kafka Streams topologies for healthcare events.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ListCommand.class,
      DescribeCommand.class,
      ValidateCommand.class,
      ReplayCommand.class,
      TailCommand.class,
      BacktestCommand.class,
      BenchCommand.class,
      DlqCommand.class,
      LoadKnowledgeCommand.class,
      TopicsCommand.class
    })
final class HealthstreamsCommand implements Runnable {
  @Spec CommandSpec spec;
  private final TopologyRegistry registry;

  HealthstreamsCommand(TopologyRegistry registry) {
    this.registry = registry;
  }

  /** The topologies every subcommand works with: the root command's registry. */
  static TopologyRegistry registry(CommandSpec anyCommand) {
    return ((HealthstreamsCommand) anyCommand.root().userObject()).registry;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
