package dev.healthstreams.cli;

import dev.healthstreams.cli.console.DemoConsole;
import dev.healthstreams.cli.console.DemoFrames;
import dev.healthstreams.cli.console.DemoOutputs;
import dev.healthstreams.cli.console.DemoTally;
import dev.healthstreams.cli.console.LiveConsole;
import dev.healthstreams.cli.console.OutputWatcher;
import dev.healthstreams.cli.console.PlainConsole;
import dev.healthstreams.cli.console.StopSignal;
import dev.healthstreams.cli.console.TerminalRule;
import dev.healthstreams.cli.console.TerminalSize;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.DataDirs;
import dev.healthstreams.runtime.EmbeddedEnv;
import dev.healthstreams.runtime.EmbeddedPlatform;
import dev.healthstreams.runtime.LogFile;
import dev.healthstreams.runtime.SampleFiles;
import dev.healthstreams.runtime.SampleProducer;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded broker and schema registry, run every topology, replay the bundled",
      "Synthea sample and show, per topology, records read, outputs by kind, dead letters, the",
      "last outputs and the HTTP endpoints to try, until Ctrl-C or --duration. Redrawn in place",
      "on a terminal, plain lines otherwise (or with --plain); logs go to a file it names."
    })
final class DemoCommand implements Callable<Integer> {
  /** Redrawn once a second on a terminal; as plain lines, figures at most every 5 s. */
  private static final long LIVE_REFRESH_MILLIS = 1_000;

  private static final long PLAIN_REFRESH_MILLIS = 5_000;

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Configuration file (default: the topologies.yaml bundled in the jar).")
  Path configFile;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long (e.g. 60s); default: run until Ctrl-C.")
  Duration duration;

  @Option(
      names = "--embedded-home",
      paramLabel = "DIR",
      defaultValue = ".healthstreams/demo",
      description = {
        "Where the demo's broker and registry keep data (default: ${DEFAULT-VALUE});",
        "emptied at start so every demo shows the same run. Addresses go to",
        ".healthstreams/embedded.env for `tail` in another shell."
      })
  Path home;

  @Option(
      names = "--http-port",
      defaultValue = "0",
      description = "Port of /health and /metrics; 0 picks a free one (default).")
  int httpPort;

  @Option(
      names = "--plain",
      description = {
        "Print plain lines even on a terminal. Without it the summary is redrawn in place when",
        "stdout is a terminal (System.console() is one and TERM is set and not `dumb`)."
      })
  boolean plain;

  @Override
  public Integer call() throws Exception {
    TopologyRegistry registry = HealthstreamsCommand.registry(spec);
    AppConfig loaded = configFile == null ? BundledConfig.load(registry) : loadFile(registry);
    List<String> names =
        TopologySelection.resolveToRun(registry, List.of(TopologySelection.ALL), loaded);
    var out = spec.commandLine().getOut();
    boolean inPlace =
        TerminalRule.redrawsInPlace(
            plain, TerminalRule.consoleIsTerminal(System.console()), System.getenv("TERM"));
    DataDirs.deleteRecursively(home);
    Files.createDirectories(home);
    Path log = home.resolve("demo.log");
    LogFile.redirectTo(log);
    out.printf(
        "logs go to %s (the schema registry's to %s)%n",
        log, home.resolve("registry/registry.log"));
    out.flush();
    StopSignal stop = StopSignal.install();
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(home, EmbeddedEnv.defaultFile())) {
      AppConfig config =
          platform.applyTo(loaded).withApp(platform.applyTo(loaded).app().withHttpPort(httpPort));
      List<BuiltTopology> shapes = Topologies.forInspection(config, names);
      platform.provision(config, shapes);
      out.printf(
          "embedded Kafka %s, schema registry %s (addresses in %s)%n",
          platform.bootstrapServers(), platform.schemaRegistryUrl(), EmbeddedEnv.defaultFile());
      try (StreamsApp app = StreamsApp.start(config, names)) {
        out.printf(
            "running %s; health and metrics on http://localhost:%d%n", names, app.httpPort());
        out.flush();
        DemoTally tally = new DemoTally(names, DemoConsole.LAST_OUTPUTS);
        DemoFrames frames = new DemoFrames(shapes, app, tally, log);
        DemoConsole console =
            inPlace
                ? new LiveConsole(out, frames, TerminalSize.detect(System.getenv()))
                : new PlainConsole(out, frames);
        try (console;
            OutputWatcher watcher =
                OutputWatcher.start(
                    config,
                    outputTopics(shapes),
                    deadLetterTopics(shapes),
                    new DemoOutputs(shapes, tally, console))) {
          console.start(inPlace ? LIVE_REFRESH_MILLIS : PLAIN_REFRESH_MILLIS);
          replaySample(config, shapes, frames, !inPlace);
          stop.await(duration);
        }
      }
    } finally {
      stop.done();
    }
    return Cli.OK;
  }

  private AppConfig loadFile(TopologyRegistry registry) {
    return registry.loader(System.getenv()).load(configFile);
  }

  /**
   * Feeds each topology the samples its input roles declare, in {@link
   * SampleProducer#sampledInputs} order. Lines are read as backtest reads them, so Avro roles take
   * their samples as Avro JSON lines.
   */
  private void replaySample(
      AppConfig config, List<BuiltTopology> shapes, DemoFrames frames, boolean announce) {
    Map<String, TopicRole<?>> roleByTopic = SampleProducer.sampledInputs(shapes);
    try (Producer<String, byte[]> producer = ReplayCommand.producer(config);
        SchemaRegistryClient registry =
            SchemaRegistries.connect(
                config.kafka().schemaRegistryUrl(), config.kafka().properties())) {
      SampleProducer samples = new SampleProducer(producer, new AvroSerdes(registry));
      for (var entry : roleByTopic.entrySet()) {
        TopicRole<?> role = entry.getValue();
        Path file = SampleFiles.extract(role.sample(), home.resolve("sample"));
        long sent = samples.produce(role, entry.getKey(), file);
        frames.fed(entry.getKey(), sent);
        if (announce) { // on a terminal stderr would scroll the redrawn summary; it shows them
          spec.commandLine().getErr().printf("replayed %d records to %s%n", sent, entry.getKey());
          spec.commandLine().getErr().flush();
        }
      }
    }
  }

  private static List<String> outputTopics(List<BuiltTopology> shapes) {
    return shapes.stream().flatMap(t -> t.topicsOf(TopicRole.Kind.OUTPUT).stream()).toList();
  }

  private static List<String> deadLetterTopics(List<BuiltTopology> shapes) {
    return shapes.stream().map(BuiltTopology::deadLetterTopic).toList();
  }
}
