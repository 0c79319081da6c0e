package dev.healthstreams.cli;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.EmbeddedPlatform;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.Topologies;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run topologies until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = {"-t", "--topology"},
      required = true,
      paramLabel = "NAME",
      description = "Topology to run; repeat for several, or `all`.")
  List<String> topologies;

  @Option(
      names = "--embedded",
      description = "Start an in-process Kafka broker and schema registry and run against them.")
  boolean embedded;

  @Option(
      names = "--embedded-home",
      paramLabel = "DIR",
      defaultValue = ".healthstreams",
      description = "Where embedded mode keeps its data (default: ${DEFAULT-VALUE}).")
  Path home;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig loaded = config.load();
    List<String> names = TopologySelection.resolveToRun(config.registry(), topologies, loaded);
    EmbeddedPlatform platform =
        embedded ? EmbeddedPlatform.start(home, home.resolve("embedded.env")) : null;
    try {
      AppConfig effective = platform == null ? loaded : platform.applyTo(loaded);
      if (platform != null) {
        platform.provision(effective, Topologies.forInspection(effective, names));
        spec.commandLine()
            .getOut()
            .printf(
                "embedded Kafka: %s%nschema registry: %s%n(addresses in %s)%n",
                platform.bootstrapServers(),
                platform.schemaRegistryUrl(),
                home.resolve("embedded.env"));
      }
      StreamsApp app = StreamsApp.start(effective, names);
      // On SIGTERM the JVM runs hooks and then halts, whatever the main thread is doing: the
      // streams close first (committing), then the embedded broker and registry they wrote to.
      EmbeddedPlatform started = platform;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.close();
                    if (started != null) {
                      started.close();
                    }
                  },
                  "healthstreams-shutdown"));
      spec.commandLine()
          .getOut()
          .printf("running %s; health and metrics on http://localhost:%d%n", names, app.httpPort());
      spec.commandLine().getOut().flush();
      app.awaitClose();
      return Cli.OK;
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }
}
