package dev.healthstreams.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.deadletter.DeadLetter;
import dev.healthstreams.runtime.deadletter.DeadLetterReplayer;
import dev.healthstreams.runtime.deadletter.DeadLetterSummary;
import dev.healthstreams.runtime.deadletter.DeadLetterTopic;
import dev.healthstreams.runtime.deadletter.ReplaySelection;
import dev.healthstreams.serde.RecordJson;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.TopicRole;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq list|show|replay}: inspect dead letters and send them back once fixed. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "Inspect dead letters and replay them to their source topics.",
    subcommands = {
      DlqCommand.ListDeadLetters.class,
      DlqCommand.Show.class,
      DlqCommand.Replay.class
    })
final class DlqCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new UsageException("dlq needs a subcommand: list, show or replay");
  }

  /** Common to the three: their Kafka clients and the topologies' dead-letter topics. */
  static final class Connection {
    private Connection() {}

    static String deadLetterTopic(AppConfig loaded, String topology) {
      return loaded.topology(topology).orElseThrow().topic(TopicRole.DEAD_LETTER_ROLE);
    }

    static Map<String, Object> clients(AppConfig loaded) {
      return StreamsProperties.clientProperties(loaded);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Dead letters grouped by topology, reason and source topic, with counts.")
  static final class ListDeadLetters implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;
    @Mixin EmbeddedEnvOption embeddedEnv;

    @Option(names = "--topology", paramLabel = "NAME", description = "One topology (default: all).")
    String topology;

    @Option(
        names = "--since",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "Only dead letters written in this last while (e.g. 24h).")
    Duration since;

    @Override
    public Integer call() {
      AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
      List<String> topologies =
          TopologySelection.resolve(
              config.registry(),
              List.of(topology == null ? TopologySelection.ALL : topology),
              loaded);
      DeadLetterTopic reader =
          new DeadLetterTopic(Connection.clients(loaded), loaded.app().startupTimeout());
      Optional<Instant> from = Optional.ofNullable(since).map(d -> Instant.now().minus(d));
      PrintWriter out = spec.commandLine().getOut();
      out.println("topology\treason\tsource topic\tcount\tfirst\tlast");
      for (String name : topologies) {
        DeadLetterSummary summary = new DeadLetterSummary();
        reader.forEach(
            Connection.deadLetterTopic(loaded, name),
            from,
            record ->
                DeadLetter.of(record)
                    .ifPresentOrElse(
                        letter -> summary.add(name, letter),
                        () ->
                            summary.addWithoutProvenance(
                                name,
                                record.topic() + "/" + record.partition() + "/" + record.offset(),
                                record.timestamp())));
        for (var entry : summary.entries()) {
          DeadLetterSummary.Group group = entry.getKey();
          DeadLetterSummary.Stats stats = entry.getValue();
          out.printf(
              "%s\t%s\t%s\t%d\t%s (%s)\t%s (%s)%n",
              group.topology(),
              group.reason(),
              group.sourceTopic(),
              stats.count(),
              stats.first(),
              Instant.ofEpochMilli(stats.firstTime()),
              stats.last(),
              Instant.ofEpochMilli(stats.lastTime()));
        }
      }
      out.flush();
      return Cli.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print dead letters as `tail` does, with their provenance headers.",
        "Values are PHI: hidden unless --show-values is given."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;
    @Mixin EmbeddedEnvOption embeddedEnv;

    @Option(names = "--topology", required = true, paramLabel = "NAME")
    String topology;

    @Option(names = "--reason", paramLabel = "R", description = "Only dead letters of this reason.")
    String reason;

    @Option(names = "--max", paramLabel = "N", description = "At most N (default: all).")
    Long max;

    @Option(names = "--show-values", description = "Print keys and values too.")
    boolean showValues;

    @Override
    public Integer call() {
      AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
      TopologySelection.resolve(config.registry(), List.of(topology), loaded);
      PrintWriter out = spec.commandLine().getOut();
      long[] shown = {0};
      try (SchemaRegistryClient registry =
          SchemaRegistries.connect(
              loaded.kafka().schemaRegistryUrl(), loaded.kafka().properties())) {
        new DeadLetterTopic(Connection.clients(loaded), loaded.app().startupTimeout())
            .forEach(
                Connection.deadLetterTopic(loaded, topology),
                Optional.empty(),
                record -> {
                  if (max != null && shown[0] >= max) {
                    return;
                  }
                  Optional<DeadLetter> letter = DeadLetter.of(record);
                  if (reason != null && !letter.map(l -> l.reason().equals(reason)).orElse(false)) {
                    return;
                  }
                  ObjectNode line = RecordJson.toJson(record, registry);
                  if (!showValues) {
                    line.put("key", record.key() == null ? null : "<hidden>");
                    line.put(
                        "value",
                        record.value() == null
                            ? null
                            : "<hidden: " + record.value().length + " bytes; --show-values>");
                  }
                  out.println(RecordJson.toLine(line));
                  shown[0]++;
                });
      }
      out.flush();
      return Cli.OK;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Write dead letters back to their source topics with their original key, value and",
        "headers, plus healthstreams.replayed-from. Progress is kept in a consumer group per",
        "selection: a second run never replays a dead letter again."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOption config;
    @Mixin EmbeddedEnvOption embeddedEnv;

    @Option(names = "--topology", required = true, paramLabel = "NAME")
    String topology;

    @Option(names = "--reason", paramLabel = "R", description = "Only dead letters of this reason.")
    String reason;

    @Option(names = "--source-topic", paramLabel = "T", description = "Only those from topic T.")
    String sourceTopic;

    @Option(names = "--dry-run", description = "Count what would be replayed; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      AppConfig loaded = config.loadPreferringEmbedded(embeddedEnv.file);
      TopologySelection.resolve(config.registry(), List.of(topology), loaded);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ProgressBar bar = new ProgressBar(err, dryRun ? "dry run" : "replaying");
      ReplaySelection selection =
          new ReplaySelection(
              topology, Optional.ofNullable(reason), Optional.ofNullable(sourceTopic));
      DeadLetterReplayer.Result result =
          new DeadLetterReplayer(
                  Connection.clients(loaded),
                  loaded.app().startupTimeout(),
                  loaded.app().applicationIdPrefix())
              .replay(
                  Connection.deadLetterTopic(loaded, topology),
                  selection,
                  dryRun,
                  new DeadLetterReplayer.Listener() {
                    @Override
                    public void progress(long read, long total) {
                      bar.update(read, total);
                    }

                    @Override
                    public void withoutProvenance(String coordinates) {
                      err.printf("%n%s has no provenance headers: skipped%n", coordinates);
                    }
                  });
      bar.finish();
      out.printf(
          "%s %d dead letters (%s); read %d, not selected %d, replayed before %d, without"
              + " provenance %d%n",
          dryRun ? "would replay" : "replayed",
          result.replayed(),
          result.bySourceTopic().isEmpty() ? "none" : result.bySourceTopic().toString(),
          result.read(),
          result.notSelected(),
          result.replayedBefore(),
          result.withoutProvenance());
      out.flush();
      return Cli.OK;
    }
  }
}
