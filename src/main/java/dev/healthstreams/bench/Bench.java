package dev.healthstreams.bench;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.config.KafkaSettings;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.DataDirs;
import dev.healthstreams.runtime.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Runs the benchmark: one embedded broker (fresh, in a work dir under the output dir, removed at
 * the end) and an in-memory schema registry, then per topology a fresh set of topics and a fresh
 * application id, each measured by a {@link TopologyBench} following its {@link BenchPlan}.
 */
public final class Bench {

  /**
   * What to run.
   *
   * @param latencyLoads the offered loads of the latency curve, as shares of the rate sustained
   *     with the loader running, ascending
   * @param latencyTarget the p99 the report finds the highest load within, for every topology;
   *     null: the one each topology declares, else {@link #DEFAULT_LATENCY_TARGET}
   * @param warmup how long after each latency point starts its outputs begin to count
   * @param commitIntervals the {@code commit.interval.ms} values each topology (not the ceilings)
   *     is measured at, one row each; empty: once, with its configured settings
   */
  public record Options(
      Path outputDir,
      List<String> topologies,
      Duration latencyDuration,
      List<Double> latencyLoads,
      Duration latencyTarget,
      Duration warmup,
      int runs,
      List<Integer> commitIntervals) {
    public Options {
      latencyLoads = List.copyOf(latencyLoads);
      commitIntervals = List.copyOf(commitIntervals);
    }
  }

  /** One replica measured: no standbys. */
  private static final ReplicaSettings SINGLE_REPLICA =
      new ReplicaSettings(
          0,
          Optional.empty(),
          ReplicaSettings.DEFAULT_SESSION_TIMEOUT,
          ReplicaSettings.DEFAULT_SHUTDOWN_TIMEOUT);

  /** Every replica of a bench runs in this process: they reach each other on the loopback. */
  private static final QuerySettings LOOPBACK_REPLICAS =
      new QuerySettings(Optional.of("127.0.0.1"), QuerySettings.DEFAULT_MAX_LAG);

  private final BenchPlanner planner;
  private final AppConfig bundled;
  private final Options options;
  private final PrintWriter out;
  private final InputScaler scaler;
  private final List<BenchPeer> peers;

  /**
   * The topologies must be {@link BenchPlanner#benchable}; the config gives their settings. The
   * {@link BenchPeer}s on the class path are measured after the topology they run.
   */
  public Bench(BenchPlanner planner, AppConfig bundled, Options options, PrintWriter out) {
    this(planner, bundled, options, out, BenchPeer.onClassPath());
  }

  /**
   * @param peers each measured after the topology it runs, when that is among the topologies
   */
  public Bench(
      BenchPlanner planner,
      AppConfig bundled,
      Options options,
      PrintWriter out,
      List<BenchPeer> peers) {
    this.peers = List.copyOf(peers);
    this.planner = planner;
    this.bundled = withPassthrough(bundled);
    this.options = options;
    this.out = out;
    this.scaler = planner.scaler();
  }

  /**
   * The query phase's second replica takes active tasks at the rebalance its joining causes, and
   * restores them before it runs, instead of warming up while the first keeps every task until a
   * probing rebalance ten minutes later (Kafka Streams' high-availability assignor).
   */
  private static KafkaSettings everyReplicaCaughtUp(KafkaSettings kafka) {
    Map<String, String> properties = new HashMap<>(kafka.properties());
    properties.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, String.valueOf(Long.MAX_VALUE));
    return new KafkaSettings(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), properties);
  }

  /**
   * A replica counts as caught up with a task only when its state has no lag at all, so the restore
   * bench's second replica takes standbys, not the first one's active tasks, until the first one
   * stops (Kafka Streams' default tolerates 10,000 records, which the test's small stores are
   * under).
   */
  private static KafkaSettings caughtUpOnlyWithoutLag(KafkaSettings kafka) {
    Map<String, String> properties = new HashMap<>(kafka.properties());
    properties.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, "0");
    return new KafkaSettings(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), properties);
  }

  /** The bundled config on the embedded broker, an in-memory registry and the work dir. */
  private AppConfig onEmbedded(
      EmbeddedKafka kafka, Path work, UnaryOperator<KafkaSettings> recovery) {
    return bundled
        .withKafka(
            recovery.apply(
                bundled
                    .kafka()
                    .withEndpoints(kafka.bootstrapServers(), "mock://bench-" + System.nanoTime())))
        .withApp(
            bundled
                .app()
                .withStateDir(work.resolve("state"))
                .withHttpPort(0)
                .withReplicationFactor(1)
                .withReplicas(SINGLE_REPLICA)
                .withQuery(LOOPBACK_REPLICAS));
  }

  /**
   * {@code bench --restore}: the restore of {@code store} of {@code topology} holding {@code
   * entries} entries, cold and with a standby ({@link RestoreBench}). The planner must plan one
   * copy: the topology computes the state of copy 0, the bench copies it.
   */
  public RestoreResult restore(
      String topology,
      String store,
      long entries,
      Machine machine,
      String command,
      String started) {
    Path work = createWorkDir();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      AppConfig config = onEmbedded(kafka, work, Bench::caughtUpOnlyWithoutLag);
      out.printf(
          "bench: embedded Kafka on %s, %s%n",
          kafka.bootstrapServers(), config.app().processingGuarantee().kafkaName());
      return new RestoreBench(
              planner,
              config,
              work.resolve("replicas"),
              new RestoreBench.Target(topology, store, entries),
              out)
          .measure(machine, command, started);
    } finally {
      DataDirs.deleteRecursively(work);
    }
  }

  /** Each run's results, the topologies in the order given, ratios to that run's pass-through. */
  public List<List<BenchResult>> run() {
    Path work = createWorkDir();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      AppConfig config = onEmbedded(kafka, work, Bench::everyReplicaCaughtUp);
      out.printf(
          "bench: embedded Kafka on %s, %d patient copies (%d patients), %s%n",
          kafka.bootstrapServers(),
          planner.copies(),
          (long) planner.copies() * scaler.samplePatients(),
          config.app().processingGuarantee().kafkaName());
      List<List<BenchResult>> runs = new ArrayList<>();
      for (int run = 1; run <= options.runs(); run++) {
        // Every run gets its own application ids and topics: no state or offsets carry over.
        String label = options.runs() == 1 ? "" : "-run" + run;
        AppConfig runConfig =
            config.withApp(
                config.app().withApplicationIdPrefix(config.app().applicationIdPrefix() + label));
        if (options.runs() > 1) {
          out.printf("bench: run %d of %d%n", run, options.runs());
        }
        List<BenchResult> results = new ArrayList<>();
        for (String name : options.topologies()) {
          results.addAll(measureTopology(name, runConfig, label));
          for (BenchPeer peer : peers) {
            if (peer.topology().equals(name)) {
              results.add(measurePeer(peer, runConfig, label));
            }
          }
        }
        runs.add(withRatios(results));
      }
      return runs;
    } finally {
      DataDirs.deleteRecursively(work);
    }
  }

  /**
   * The topology as configured, or once per commit interval asked for (the ceilings keep theirs:
   * they are what the rows are ratios to).
   */
  private List<BenchResult> measureTopology(String name, AppConfig runConfig, String label) {
    if (options.commitIntervals().isEmpty() || BenchPlanner.ceilings().contains(name)) {
      return List.of(measure(planner.plan(runConfig, name, label), null));
    }
    List<BenchResult> results = new ArrayList<>();
    for (int interval : options.commitIntervals()) {
      String variant = "-commit" + interval;
      AppConfig config =
          runConfig.withApp(
              runConfig
                  .app()
                  .withApplicationIdPrefix(runConfig.app().applicationIdPrefix() + variant));
      BenchPlan plan = planner.plan(config, name, label + variant).withCommitInterval(interval);
      results.add(measure(plan, null).named(variantName(name, interval)));
    }
    return results;
  }

  /** The row of a topology measured at one commit interval. */
  private static String variantName(String topology, int commitIntervalMs) {
    return topology + " (commit " + commitIntervalMs + " ms)";
  }

  /**
   * The peer on the plan of the topology it runs, with topics and a consumer group of its own: the
   * same copies of the samples, fed in the same phases.
   */
  private BenchResult measurePeer(BenchPeer peer, AppConfig runConfig, String label) {
    AppConfig config =
        runConfig.withApp(
            runConfig
                .app()
                .withApplicationIdPrefix(
                    runConfig.app().applicationIdPrefix() + "-" + peer.engine()));
    BenchPlan plan = planner.plan(config, peer.topology(), label + "-" + peer.engine());
    return measure(plan, peer);
  }

  /** The plan's topology, or the peer on its plan when one is given, with the bench's options. */
  private BenchResult measure(BenchPlan plan, BenchPeer peer) {
    return new TopologyBench(
            plan,
            scaler,
            options.latencyDuration(),
            options.latencyLoads(),
            latencyTarget(plan),
            options.warmup(),
            out,
            peer)
        .measure();
  }

  /** The p99 a topology that declares none is held to. */
  public static final Duration DEFAULT_LATENCY_TARGET = Duration.ofMillis(250);

  /** The target given to the bench, else the topology's own, else the default. */
  private Duration latencyTarget(BenchPlan plan) {
    if (options.latencyTarget() != null) {
      return options.latencyTarget();
    }
    return plan.latencyTarget() != null ? plan.latencyTarget() : DEFAULT_LATENCY_TARGET;
  }

  /** The ceilings are not in topologies.yaml: they bring their own blocks. */
  private static AppConfig withPassthrough(AppConfig config) {
    Map<String, TopologyConfig<?>> topologies = new LinkedHashMap<>(config.topologies());
    topologies.putIfAbsent(PassthroughTopology.NAME, PassthroughTopology.config());
    topologies.putIfAbsent(ReadOnlyTopology.NAME, ReadOnlyTopology.config());
    return new AppConfig(config.kafka(), config.app(), topologies);
  }

  private static List<BenchResult> withRatios(List<BenchResult> results) {
    long passthrough = rateOf(results, PassthroughTopology.NAME);
    long readOnly = rateOf(results, ReadOnlyTopology.NAME);
    return results.stream()
        .map(r -> r.withRatios(ratio(r, passthrough), ratio(r, readOnly)))
        .toList();
  }

  private static long rateOf(List<BenchResult> results, String ceiling) {
    return results.stream()
        .filter(r -> r.topology().equals(ceiling))
        .mapToLong(BenchResult::recordsPerSecond)
        .findFirst()
        .orElse(0);
  }

  private static double ratio(BenchResult result, long ceiling) {
    return ceiling == 0 ? 0 : Math.round(1000.0 * result.recordsPerSecond() / ceiling) / 1000.0;
  }

  private Path createWorkDir() {
    try {
      Files.createDirectories(options.outputDir());
      return Files.createTempDirectory(options.outputDir(), "work-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work dir under " + options.outputDir(), e);
    }
  }
}
