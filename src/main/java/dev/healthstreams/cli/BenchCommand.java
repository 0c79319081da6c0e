package dev.healthstreams.cli;

import dev.healthstreams.bench.Bench;
import dev.healthstreams.bench.BenchReport;
import dev.healthstreams.bench.BenchResult;
import dev.healthstreams.bench.BenchTarget;
import dev.healthstreams.bench.Machine;
import dev.healthstreams.bench.PassthroughTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure sustained throughput, latency at half load and memory of the pass-through ceiling",
      "and each topology on an embedded broker (exactly_once_v2), with the bundled sample scaled",
      "to many patients; writes <output-dir>/bench.json and <output-dir>/BENCHMARKS.md."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      defaultValue = "bench-out",
      description = "where bench.json and BENCHMARKS.md go (default: ${DEFAULT-VALUE})")
  Path outputDir;

  @Option(
      names = {"-t", "--topology"},
      paramLabel = "NAME",
      description = "topologies to measure (default: all); the pass-through always runs first")
  List<String> topologies = new ArrayList<>();

  @Option(
      names = "--copies",
      defaultValue = "834",
      description = "copies of the 12 sample patients (default: ${DEFAULT-VALUE}, ~10k patients)")
  int copies;

  @Option(
      names = "--observations",
      defaultValue = "400000",
      description = "Observations in the throughput run (default: ${DEFAULT-VALUE})")
  long observations;

  @Option(
      names = "--requests",
      defaultValue = "150000",
      description = "MedicationRequests in the throughput run (default: ${DEFAULT-VALUE})")
  long requests;

  @Option(
      names = "--latency-duration",
      defaultValue = "PT15S",
      converter = DurationConverter.class,
      description = "how long to offer half the sustained rate (default: ${DEFAULT-VALUE})")
  Duration latencyDuration;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "times to measure each topology, interleaved; the report gives the median of each figure"
              + " and the range (default: ${DEFAULT-VALUE})")
  int runs;

  @Override
  public Integer call() {
    List<String> names = new ArrayList<>();
    names.add(PassthroughTopology.NAME);
    List<String> requested = topologies.isEmpty() ? BenchTarget.names() : topologies;
    for (String name : requested) {
      if (BenchTarget.byName(name).isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "unknown topology '" + name + "'; one of " + String.join(", ", BenchTarget.names()));
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (copies < 1) {
      throw new ParameterException(spec.commandLine(), "--copies must be at least 1");
    }
    if (runs < 1) {
      throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
    }
    Machine machine = Machine.now();
    String started = Instant.now().toString();
    List<List<BenchResult>> perRun =
        new Bench(
                BundledConfig.load(HealthstreamsCommand.registry(spec)),
                new Bench.Options(
                    outputDir,
                    names,
                    copies,
                    observations,
                    requests,
                    latencyDuration,
                    Duration.ofSeconds(2),
                    runs),
                System.out)
            .run();
    BenchReport report = BenchReport.of(machine.ended(), commandLine(), started, perRun);
    report.write(outputDir);
    System.out.print(report.markdown());
    System.out.println("bench: wrote " + outputDir.resolve("bench.json"));
    return 0;
  }

  private String commandLine() {
    List<String> args = new ArrayList<>(List.of("java", "-jar", "target/healthstreams.jar"));
    args.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return String.join(" ", args);
  }
}
