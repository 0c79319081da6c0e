package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.Preflight;
import dev.healthstreams.runtime.TopicSeeder;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "load-knowledge",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a topology's configured knowledge (the interaction knowledge file) to its topic:",
      "new and changed entries are written, removed ones deleted. Running topologies pick the",
      "change up without a restart. `run` does the same at start."
    })
final class LoadKnowledgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--topology",
      paramLabel = "NAME",
      description =
          "Topology whose knowledge to publish (default: every configured topology that has some).")
  String topology;

  @Mixin EmbeddedEnvOption embeddedEnv;

  @Override
  public Integer call() {
    if (topology != null) {
      TopologySelection.requireKnown(config.registry(), topology);
    }
    AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
    List<String> requested = List.of(topology == null ? TopologySelection.ALL : topology);
    List<BuiltTopology> withSeeds =
        Topologies.forInspection(
                loaded, TopologySelection.resolve(config.registry(), requested, loaded))
            .stream()
            .filter(built -> !built.seeds().isEmpty())
            .toList();
    if (withSeeds.isEmpty()) {
      throw new UsageException(
          topology == null
              ? "no configured topology has knowledge to load"
              : "topology " + topology + " has no knowledge to load");
    }
    try (SchemaRegistryClient registry =
        SchemaRegistries.connect(loaded.kafka().schemaRegistryUrl(), loaded.kafka().properties())) {
      Preflight.check(loaded, withSeeds, registry);
      for (BuiltTopology built : withSeeds) {
        for (TopicSeeder.Result result :
            TopicSeeder.seed(loaded, built, new AvroSerdes(registry))) {
          spec.commandLine()
              .getOut()
              .printf(
                  "%s: %d written, %d deleted, %d unchanged%n",
                  result.topic(), result.written(), result.deleted(), result.unchanged());
        }
      }
    }
    spec.commandLine().getOut().flush();
    return Cli.OK;
  }
}
