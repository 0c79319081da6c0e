package dev.healthstreams.bench;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.DataDirs;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.Preflight;
import dev.healthstreams.runtime.RunningTopology;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.TopicSpec;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.topology.BuildContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the benchmark: one embedded broker (fresh, in a work dir under the output dir, removed at
 * the end) and an in-memory schema registry, then per topology a fresh set of topics and a fresh
 * application id, and for each: tables loaded and processed, the input pre-loaded while the
 * topology is paused, the time from resume until the group has committed the whole input (sustained
 * records/s), then a fixed offered rate of half that for a while with end-to-end latency measured
 * on the output topic.
 */
public final class Bench {
  static final int PARTITIONS = 4;
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration DRAIN = Duration.ofSeconds(180);

  /** What to run. */
  public record Options(
      Path outputDir,
      List<String> topologies,
      int copies,
      long observationCap,
      long requestCap,
      Duration latencyDuration,
      Duration warmup,
      int runs) {}

  private final AppConfig bundled;
  private final Options options;
  private final PrintStream out;
  private final InputScaler scaler = new InputScaler(SampleData.bundled());

  public Bench(AppConfig bundled, Options options, PrintStream out) {
    this.bundled = bundled;
    this.options = options;
    this.out = out;
  }

  /** Each run's results, the topologies in the order given, ratios to that run's pass-through. */
  public List<List<BenchResult>> run() {
    Path work = createWorkDir();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      AppConfig config =
          bundled
              .withKafka(
                  bundled
                      .kafka()
                      .withEndpoints(kafka.bootstrapServers(), "mock://bench-" + System.nanoTime()))
              .withApp(
                  bundled
                      .app()
                      .withStateDir(work.resolve("state"))
                      .withHttpPort(0)
                      .withReplicationFactor(1));
      out.printf(
          "bench: embedded Kafka on %s, %d patient copies (%d patients), %s%n",
          kafka.bootstrapServers(),
          options.copies(),
          (long) options.copies() * scaler.samplePatients(),
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
          results.add(runOne(runConfig, BenchTarget.byName(name).orElseThrow(), label));
        }
        runs.add(withRatios(results));
      }
      return runs;
    } finally {
      DataDirs.deleteRecursively(work);
    }
  }

  private static List<BenchResult> withRatios(List<BenchResult> results) {
    long ceiling =
        results.stream()
            .filter(r -> r.topology().equals(PassthroughTopology.NAME))
            .mapToLong(BenchResult::recordsPerSecond)
            .findFirst()
            .orElse(0);
    return results.stream()
        .map(
            r ->
                r.withRatio(
                    ceiling == 0
                        ? 0
                        : Math.round(1000.0 * r.recordsPerSecond() / ceiling) / 1000.0))
        .toList();
  }

  private BenchResult runOne(AppConfig base, BenchTarget target, String runLabel) {
    String name = target.topology();
    AppConfig config = configFor(base, name, runLabel);
    TopologyConfig<?> topology = config.topology(name).orElseThrow();
    String group = config.app().applicationId(name);
    String input = topology.topic(target.inputRole());
    String output = topology.topic(target.outputRole());
    int copies = options.copies();
    long cap =
        target.kind() == BenchTarget.Kind.OBSERVATIONS
            ? options.observationCap()
            : options.requestCap();
    out.printf("bench: %s (application.id %s, input %s)%n", name, group, input);

    Map<String, Object> clients = StreamsProperties.clientProperties(config);
    try (Admin admin = Preflight.admin(config);
        Loader loader = new Loader(clients);
        MemorySampler memory = new MemorySampler()) {
      provision(admin, config, name);
      LagMeter lag = new LagMeter(admin);
      // Tables first: the patients (and medications) of every copy the three phases use.
      Set<String> tableTopics = new LinkedHashSet<>();
      for (String role : target.tableRoles()) {
        String topic = topology.topic(role);
        tableTopics.add(topic);
        long n = loader.load(topic, BenchTarget.table(role, scaler, 0, 3 * copies));
        out.printf("  loaded %,d records into %s%n", n, topic);
      }
      try (Running running = start(config, name)) {
        KafkaStreams streams = running.streams();
        awaitRunning(streams);
        if (!tableTopics.isEmpty()) {
          lag.awaitCaughtUp(group, lag.endOffsets(tableTopics), STARTUP);
          out.printf("  tables processed%n");
        }

        // Warm-up (JIT, caches, RocksDB) on copies the measured phases do not use; not timed. Twice
        // the measured input: after a quarter of it, C2 was still compiling through the timed run.
        long warmup = loader.load(input, target.input(scaler, 2 * copies, 3 * copies, 2 * cap));
        lag.awaitCaughtUp(group, lag.endOffsets(Set.of(input)), DRAIN);
        out.printf("  warm-up: %,d input records processed%n", warmup);

        // Throughput: pre-load the input while paused, then time from resume to committed.
        streams.pause();
        long loadStart = System.nanoTime();
        long inputRecords = loader.load(input, target.input(scaler, 0, copies, cap));
        long loadRate = perSecond(inputRecords, System.nanoTime() - loadStart);
        Map<TopicPartition, Long> inputEnds = lag.endOffsets(Set.of(input));
        out.printf("  pre-loaded %,d input records (%,d/s)%n", inputRecords, loadRate);
        long started = System.nanoTime();
        streams.resume();
        long done = lag.awaitCaughtUp(group, inputEnds, DRAIN);
        long rate = perSecond(inputRecords, done - started);
        out.printf("  processed in %.1f s: %,d records/s%n", (done - started) / 1e9, rate);

        // Latency at half the sustained rate, on copies the throughput phase did not use.
        long offered = Math.max(1, rate / 2);
        long latencyCap = offered * options.latencyDuration().toSeconds();
        long measureFrom = System.currentTimeMillis() + options.warmup().toMillis();
        long sent;
        Percentiles latency;
        long seen;
        try (LatencyMeter meter = new LatencyMeter(clients, output, measureFrom)) {
          sent =
              loader.load(
                  input,
                  target.input(scaler, copies, 2 * copies, latencyCap),
                  offered,
                  options.latencyDuration().toNanos());
          lag.awaitCaughtUp(group, lag.endOffsets(Set.of(input)), DRAIN);
          LagMeter.sleep(Duration.ofSeconds(1)); // committed outputs reach the meter
          latency = meter.stop();
          seen = meter.seen();
        }
        out.printf(
            "  latency at %,d/s offered (%,d sent, %,d outputs, %,d counted): p50 %d ms, p95 %d"
                + " ms, p99 %d ms%n",
            offered,
            sent,
            seen,
            latency.count(),
            latency.percentile(50),
            latency.percentile(95),
            latency.percentile(99));
        return new BenchResult(
            name,
            inputRecords,
            rate,
            0,
            latency.percentile(50),
            latency.percentile(95),
            latency.percentile(99),
            offered,
            sent,
            latency.count(),
            memory.peakHeapBytes() / (1024 * 1024),
            memory.peakRssBytes() / (1024 * 1024),
            loadRate);
      }
    }
  }

  /** The bundled config of one topology with its topics renamed for this run only. */
  static AppConfig configFor(AppConfig base, String name, String runLabel) {
    TopologyConfig<?> original =
        name.equals(PassthroughTopology.NAME)
            ? PassthroughTopology.config()
            : base.topology(name).orElseThrow();
    Map<String, List<String>> topics = new LinkedHashMap<>();
    original
        .topicsByRole()
        .forEach(
            (role, names) ->
                topics.put(
                    role, names.stream().map(t -> t + ".bench-" + name + runLabel).toList()));
    Map<String, TopologyConfig<?>> only = new LinkedHashMap<>();
    only.put(name, original.withTopics(topics));
    return new AppConfig(base.kafka(), base.app(), only);
  }

  private static BuiltTopology inspect(AppConfig config, String name) {
    return Topologies.forInspection(config, List.of(name)).get(0);
  }

  private static void provision(Admin admin, AppConfig config, String name) {
    Map<String, TopicSpec> specs =
        TopicPlan.external(List.of(inspect(config, name)), PARTITIONS, (short) 1);
    new TopicProvisioner(admin, config.app().startupTimeout()).ensure(specs.values());
    // A partition answers list-offsets only once its leader is ready: producing earlier can race
    // the new leader and fail the idempotent producer with an out-of-order sequence.
    new LagMeter(admin).endOffsets(specs.keySet());
  }

  /** The topology running as the app runs it: StreamsApp for product ones (seeds included). */
  private static Running start(AppConfig config, String name) {
    if (!name.equals(PassthroughTopology.NAME)) {
      StreamsApp app = StreamsApp.start(config, List.of(name));
      return new Running(app.topologies().get(0).streams(), app);
    }
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    BuiltTopology built =
        BuiltTopology.build(
            config.topology(name).orElseThrow(),
            new BuildContext(
                new AvroSerdes(
                    SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of())),
                metrics));
    RunningTopology running =
        RunningTopology.start(
            built,
            StreamsProperties.forTopology(config, built, new DeadLetterCounter(metrics)),
            metrics);
    return new Running(running.streams(), running);
  }

  private record Running(KafkaStreams streams, AutoCloseable owner) implements AutoCloseable {
    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + owner + " failed", e);
      }
    }
  }

  private static void awaitRunning(KafkaStreams streams) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException("topology did not reach RUNNING: " + streams.state());
      }
      LagMeter.sleep(Duration.ofMillis(50));
    }
  }

  private static long perSecond(long records, long nanos) {
    return nanos <= 0 ? 0 : Math.round(records * (double) TimeUnit.SECONDS.toNanos(1) / nanos);
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
