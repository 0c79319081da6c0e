package dev.healthstreams.cli;

import dev.healthstreams.bench.Bench;
import dev.healthstreams.bench.BenchPlanner;
import dev.healthstreams.bench.BenchReport;
import dev.healthstreams.bench.BenchResult;
import dev.healthstreams.bench.InputCaps;
import dev.healthstreams.bench.Machine;
import dev.healthstreams.bench.RestoreResult;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      "Measure sustained throughput, latency against load and memory of the ceilings (pass-through,",
      "read-only) and each topology on an embedded broker (exactly_once_v2), each fed the samples its roles",
      "declare, scaled to many patients; writes <output-dir>/bench.json and",
      "<output-dir>/BENCHMARKS.md. With --restore, measures instead how long one store takes to",
      "restore, cold and failing over to a standby, and writes <output-dir>/restore.json."
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
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "the topologies.yaml to measure (default: the one bundled in the jar): its topology"
              + " blocks, per-topology streams settings included; its kafka addresses are replaced"
              + " by the embedded broker's")
  Path configFile;

  @Option(
      names = {"-t", "--topology"},
      paramLabel = "NAME",
      description =
          "registered topologies to measure (default: every one with a sampled stream input and an"
              + " output); the pass-through always runs first")
  List<String> topologies = new ArrayList<>();

  @Option(
      names = "--quick",
      description =
          "a developer's check in about three minutes, not a result: "
              + QUICK_COPIES
              + " copies, at most "
              + QUICK_RECORDS
              + " records per throughput run (every sample), latency points of "
              + QUICK_LATENCY_SECONDS
              + " s; replaces --copies, --records, --records-of and --latency-duration")
  boolean quick;

  static final int QUICK_COPIES = 30;
  static final long QUICK_RECORDS = 15_000;
  static final int QUICK_LATENCY_SECONDS = 2;

  @Option(
      names = "--copies",
      defaultValue = "834",
      description =
          "copies of the sample patients per phase (default: ${DEFAULT-VALUE}; 12 sample patients"
              + " make ~10k)")
  int copies;

  @Option(
      names = "--records",
      paramLabel = "N",
      defaultValue = "400000",
      description =
          "input records in the throughput run, for a sample --records-of does not name"
              + " (default: ${DEFAULT-VALUE})")
  long records;

  @Option(
      names = "--records-of",
      paramLabel = "SAMPLE=N",
      split = ",",
      defaultValue = "MedicationRequest=150000",
      description =
          "input records in the throughput run for the topologies timed on that sample, by the"
              + " sample's file name (default: ${DEFAULT-VALUE}; giving it replaces the default)")
  Map<String, Long> recordsOf = new LinkedHashMap<>();

  @Option(
      names = "--latency-duration",
      defaultValue = "PT15S",
      converter = DurationConverter.class,
      description = "how long to offer the latency load (default: ${DEFAULT-VALUE})")
  Duration latencyDuration;

  @Option(
      names = "--latency-loads",
      split = ",",
      defaultValue = "0.1,0.25,0.5,0.75",
      description =
          "the offered loads of the latency curve, as shares of the rate the topology sustains"
              + " while the loader runs, measured by a probe in the same run (default:"
              + " ${DEFAULT-VALUE})")
  List<Double> latencyLoads = new ArrayList<>();

  @Option(
      names = "--latency-target",
      converter = DurationConverter.class,
      description =
          "the p99 the report names the highest load within, for every topology (default: the"
              + " one a topology declares, observation-alerting's 150 ms, else 250 ms)")
  Duration latencyTarget;

  @Option(
      names = "--commit-intervals",
      paramLabel = "MS",
      split = ",",
      description =
          "measure each topology (not the ceilings) once per commit.interval.ms given, e.g."
              + " 100,50,20, each a row of its own (default: once, as configured)")
  List<Integer> commitIntervals = new ArrayList<>();

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "times to measure each topology, interleaved; the report gives the median of each figure"
              + " and the range (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--restore",
      description =
          "measure the restore of one store instead (--restore-store of the one --topology,"
              + " default medication-interaction): its changelog filled with --restore-entries"
              + " copies of the state the topology computes from the sample, then a replica started"
              + " with an empty state dir, and a failover to a caught-up standby")
  boolean restore;

  @Option(
      names = "--restore-store",
      paramLabel = "STORE",
      defaultValue = "active-medications",
      description = "the store --restore fills and times (default: ${DEFAULT-VALUE})")
  String restoreStore;

  @Option(
      names = "--restore-entries",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "entries the store holds for --restore (default: ${DEFAULT-VALUE})")
  long restoreEntries;

  @Override
  public Integer call() {
    if (restore) {
      return restore();
    }
    if (quick) {
      copies = QUICK_COPIES;
      records = QUICK_RECORDS;
      recordsOf = new LinkedHashMap<>();
      latencyDuration = Duration.ofSeconds(QUICK_LATENCY_SECONDS);
    }
    if (copies < 1) {
      throw new ParameterException(spec.commandLine(), "--copies must be at least 1");
    }
    if (runs < 1) {
      throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
    }
    if (records < 1) {
      throw new ParameterException(spec.commandLine(), "--records must be at least 1");
    }
    for (double load : latencyLoads) {
      if (!(load > 0 && load <= 1)) {
        throw new ParameterException(
            spec.commandLine(), "--latency-loads must be above 0 and at most 1, not " + load);
      }
    }
    for (int interval : commitIntervals) {
      if (interval < 1) {
        throw new ParameterException(
            spec.commandLine(), "--commit-intervals must be at least 1 ms, not " + interval);
      }
    }
    if (latencyLoads.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--latency-loads names no load");
    }
    TopologyRegistry registry = HealthstreamsCommand.registry(spec);
    List<Double> loads = latencyLoads.stream().distinct().sorted().toList();
    BenchPlanner planner =
        new BenchPlanner(registry, copies, new InputCaps(records, recordsOf), loads.size());
    List<String> names = topologies(planner);
    PrintWriter out = spec.commandLine().getOut();
    Machine machine = Machine.now();
    String started = Instant.now().toString();
    List<List<BenchResult>> perRun =
        new Bench(
                planner,
                config(registry),
                new Bench.Options(
                    outputDir,
                    names,
                    latencyDuration,
                    loads,
                    latencyTarget,
                    latencyWarmup(),
                    runs,
                    commitIntervals.stream().distinct().toList()),
                out)
            .run();
    BenchReport report = BenchReport.of(machine.ended(), commandLine(), started, perRun);
    report.write(outputDir);
    out.print(report.markdown());
    out.println("bench: wrote " + outputDir.resolve("bench.json"));
    out.flush();
    return 0;
  }

  /**
   * How long after a latency point starts its outputs begin to count: 2 s, or a third of a shorter
   * point, so a quick run's points still count most of their outputs.
   */
  private Duration latencyWarmup() {
    Duration third = latencyDuration.dividedBy(3);
    return third.compareTo(Duration.ofSeconds(2)) < 0 ? third : Duration.ofSeconds(2);
  }

  private static final String RESTORE_DEFAULT_TOPOLOGY = "medication-interaction";

  /** {@code --restore}: one store of one topology, seeded from one copy of the samples. */
  private int restore() {
    if (restoreEntries < 1) {
      throw new ParameterException(spec.commandLine(), "--restore-entries must be at least 1");
    }
    if (topologies.size() > 1) {
      throw new ParameterException(spec.commandLine(), "--restore measures one --topology");
    }
    String topology = topologies.isEmpty() ? RESTORE_DEFAULT_TOPOLOGY : topologies.get(0);
    TopologyRegistry registry = HealthstreamsCommand.registry(spec);
    BenchPlanner planner = new BenchPlanner(registry, 1, new InputCaps(records, recordsOf));
    planner
        .problem(topology)
        .ifPresent(
            problem -> {
              throw new ParameterException(spec.commandLine(), problem);
            });
    PrintWriter out = spec.commandLine().getOut();
    Machine machine = Machine.now();
    String started = Instant.now().toString();
    RestoreResult result =
        new Bench(
                planner,
                config(registry),
                new Bench.Options(
                    outputDir,
                    List.of(topology),
                    latencyDuration,
                    latencyLoads,
                    latencyTarget,
                    Duration.ZERO,
                    1,
                    List.of()),
                out)
            .restore(topology, restoreStore, restoreEntries, machine, commandLine(), started);
    result.write(outputDir);
    out.print(result.markdown());
    out.println("bench: wrote " + outputDir.resolve("restore.json"));
    out.flush();
    return 0;
  }

  private AppConfig config(TopologyRegistry registry) {
    return configFile == null
        ? BundledConfig.load(registry)
        : registry.loader(System.getenv()).load(configFile);
  }

  /** The pass-through first, then the requested (default: every benchable) topologies. */
  private List<String> topologies(BenchPlanner planner) {
    List<String> requested = topologies.isEmpty() ? planner.benchable() : topologies;
    List<String> problems = new ArrayList<>();
    planner.capProblems().forEach(problem -> problems.add("--records-of: " + problem));
    requested.stream().flatMap(name -> planner.problem(name).stream()).forEach(problems::add);
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    }
    List<String> names = new ArrayList<>(BenchPlanner.ceilings());
    requested.stream().filter(n -> !names.contains(n)).forEach(names::add);
    return names;
  }

  private String commandLine() {
    List<String> args = new ArrayList<>(List.of("java", "-jar", "target/" + jarName()));
    args.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return String.join(" ", args);
  }

  /** The jar this runs from (the app's, or the {@code flink} profile's); the app's otherwise. */
  private static String jarName() {
    try {
      Path source =
          Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String name = source.getFileName().toString();
      return name.endsWith(".jar") ? name : "healthstreams.jar";
    } catch (URISyntaxException | RuntimeException e) {
      return "healthstreams.jar";
    }
  }
}
