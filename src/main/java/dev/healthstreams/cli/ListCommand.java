package dev.healthstreams.cli;

import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyDefinition;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the topologies, one line each, with their topic roles.")
final class ListCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (TopologyDefinition<?> definition : HealthstreamsCommand.registry(spec).all()) {
      String roles =
          definition.roles().stream()
              .map(r -> r.name() + "(" + kind(r) + ")")
              .collect(Collectors.joining(" "));
      out.printf("%-24s %s  roles: %s%n", definition.name(), definition.description(), roles);
    }
    out.flush();
  }

  private static String kind(TopicRole<?> role) {
    return role.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
