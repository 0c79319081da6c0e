package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.DataDirs;
import dev.healthstreams.runtime.EmbeddedEnv;
import dev.healthstreams.runtime.EmbeddedPlatform;
import dev.healthstreams.runtime.NdjsonReplayer;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.topology.TopicRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
      "Synthea sample and print what the topologies emit, until Ctrl-C or --duration."
    })
final class DemoCommand implements Callable<Integer> {
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

  @Override
  public Integer call() throws Exception {
    AppConfig loaded = configFile == null ? BundledConfig.load() : loadFile();
    List<String> names = TopologySelection.resolve(List.of(TopologySelection.ALL), loaded);
    var out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    DataDirs.deleteRecursively(home);
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(home, EmbeddedEnv.defaultFile())) {
      AppConfig config =
          platform.applyTo(loaded).withApp(platform.applyTo(loaded).app().withHttpPort(httpPort));
      List<BuiltTopology> shapes = Topologies.forInspection(config, names);
      platform.provision(config, shapes);
      out.printf(
          "embedded Kafka %s, schema registry %s (addresses in %s)%n",
          platform.bootstrapServers(), platform.schemaRegistryUrl(), EmbeddedEnv.defaultFile());
      DemoPrinter printer = new DemoPrinter(out);
      try (StreamsApp app = StreamsApp.start(config, names);
          OutputWatcher watcher =
              OutputWatcher.start(
                  config, outputTopics(shapes), deadLetterTopics(shapes), printer)) {
        Thread hook = new Thread(stop::countDown, "healthstreams-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf(
            "running %s; health and metrics on http://localhost:%d%n", names, app.httpPort());
        out.flush();
        replaySample(config, shapes);
        if (duration != null) {
          stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          stop.await();
        }
        printer.summary();
      }
    }
    return Cli.OK;
  }

  private AppConfig loadFile() {
    ConfigOption option = new ConfigOption();
    option.file = configFile;
    return option.load();
  }

  private void replaySample(AppConfig config, List<BuiltTopology> shapes) {
    Map<String, Path> files = DemoSample.extract(home.resolve("sample"));
    Set<String> done = new LinkedHashSet<>();
    try (Producer<String, byte[]> producer = ReplayCommand.producer(config)) {
      NdjsonReplayer replayer = new NdjsonReplayer(producer);
      for (var entry : files.entrySet()) {
        for (BuiltTopology topology : shapes) {
          if (topology.config().topics().containsKey(entry.getKey())) {
            String topic = topology.config().topic(entry.getKey());
            if (done.add(topic)) {
              long sent = replayer.replay(List.of(entry.getValue()), topic, 0, (a, b) -> {});
              spec.commandLine().getErr().printf("replayed %d records to %s%n", sent, topic);
              spec.commandLine().getErr().flush();
            }
          }
        }
      }
    }
  }

  private static List<String> outputTopics(List<BuiltTopology> shapes) {
    List<String> topics = new ArrayList<>();
    for (BuiltTopology t : shapes) {
      t.factory().topicRoles().stream()
          .filter(r -> r.kind() == TopicRole.Kind.OUTPUT)
          .forEach(r -> topics.add(t.config().topic(r.name())));
    }
    return topics;
  }

  private static List<String> deadLetterTopics(List<BuiltTopology> shapes) {
    return shapes.stream().map(BuiltTopology::deadLetterTopic).toList();
  }
}
