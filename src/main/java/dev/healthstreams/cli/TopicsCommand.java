package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.AccessPlan;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.Preflight;
import dev.healthstreams.runtime.TopicInventory;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicPlan.PlannedTopic;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.runtime.Topologies;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.resource.PatternType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {
      "Print every topic the selected topologies need: inputs, outputs, dead letters, and the",
      "internal repartition and changelog topics Kafka Streams creates, with partitions and",
      "configs. With --create, create the missing ones and report those that exist with other",
      "settings."
    })
final class TopicsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin EmbeddedEnvOption embeddedEnv;

  @Option(
      names = "--topology",
      paramLabel = "NAME",
      defaultValue = TopologySelection.ALL,
      description = "Topologies to cover; repeat for several (default: ${DEFAULT-VALUE}).")
  List<String> topologies;

  @Option(names = "--create", description = "Create the topics that do not exist yet.")
  boolean create;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description =
          "Partitions of input and output topics that do not exist yet; internal topics follow"
              + " their inputs (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--acls",
      paramLabel = "PRINCIPAL",
      description =
          "Print instead the ACLs PRINCIPAL (e.g. User:healthstreams) needs to run the selected"
              + " topologies, as kafka-acls options, one line each.")
  String aclPrincipal;

  @Override
  public Integer call() {
    if (partitions < 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be at least 1");
    }
    AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
    List<BuiltTopology> shapes =
        Topologies.forInspection(
            loaded, TopologySelection.resolve(config.registry(), topologies, loaded));
    short replication = (short) loaded.app().replicationFactor();
    if (aclPrincipal != null) {
      if (create) {
        throw new ParameterException(spec.commandLine(), "--acls and --create exclude each other");
      }
      printAcls(AccessPlan.of(loaded, shapes));
      return Cli.OK;
    }
    if (!create) {
      print(TopicPlan.all(loaded, shapes, partitions, replication, Map.of()), null);
      return Cli.OK;
    }
    try (Admin admin = Preflight.admin(loaded)) {
      List<String> names =
          TopicPlan.all(loaded, shapes, partitions, replication, Map.of()).stream()
              .map(p -> p.spec().name())
              .toList();
      TopicInventory before = TopicInventory.read(admin, loaded, names);
      List<PlannedTopic> plan =
          TopicPlan.all(loaded, shapes, partitions, replication, before.partitions());
      Map<String, TopicSpec> missing = new LinkedHashMap<>();
      plan.stream()
          .filter(p -> !before.exists(p.spec().name()))
          .forEach(p -> missing.putIfAbsent(p.spec().name(), p.spec()));
      new TopicProvisioner(admin, loaded.kafka().bootstrapServers(), loaded.app().startupTimeout())
          .ensure(missing.values());
      print(plan, before);
      spec.commandLine()
          .getOut()
          .printf("created %d topics on %s%n", missing.size(), loaded.kafka().bootstrapServers());
    }
    spec.commandLine().getOut().flush();
    return Cli.OK;
  }

  /**
   * One line a topic, with what it is to each topology that uses it; with an inventory, whether it
   * was created, existed, or differs.
   */
  private void print(List<PlannedTopic> plan, TopicInventory inventory) {
    Map<String, TopicSpec> specs = new LinkedHashMap<>();
    Map<String, List<String>> uses = new LinkedHashMap<>();
    for (PlannedTopic topic : plan) {
      specs.putIfAbsent(topic.spec().name(), topic.spec());
      uses.computeIfAbsent(topic.spec().name(), n -> new ArrayList<>())
          .add(topic.topology() + ": " + topic.purpose());
    }
    PrintWriter out = spec.commandLine().getOut();
    specs.forEach(
        (name, s) -> {
          String configs =
              s.configs().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(","));
          out.printf(
              "%-64s %3d partitions  %-40s %s%s%n",
              name,
              s.partitions(),
              configs.isEmpty() ? "cleanup.policy=delete" : configs,
              String.join("; ", uses.get(name)),
              inventory == null ? "" : "  " + state(inventory, s));
        });
    out.flush();
  }

  /** One kafka-acls command line per resource, with the topologies that need it. */
  private void printAcls(List<AccessPlan.Grant> grants) {
    PrintWriter out = spec.commandLine().getOut();
    for (AccessPlan.Grant grant : grants) {
      String operations =
          grant.operations().stream()
              .map(o -> "--operation " + AclOptions.operation(o))
              .collect(Collectors.joining(" "));
      out.printf(
          "--add --allow-principal %s %s %s%s  # %s%n",
          aclPrincipal,
          operations,
          AclOptions.resource(grant),
          grant.pattern() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "",
          String.join("; ", grant.reasons()));
    }
    out.flush();
  }

  private static String state(TopicInventory inventory, TopicSpec spec) {
    if (!inventory.exists(spec.name())) {
      return "[created]";
    }
    List<String> differences = new ArrayList<>(inventory.differences(spec));
    return differences.isEmpty()
        ? "[exists]"
        : "[exists with other settings: " + String.join("; ", differences) + "]";
  }
}
