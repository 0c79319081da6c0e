package dev.healthstreams.bench;

import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.Preflight;
import dev.healthstreams.runtime.RunningTopology;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.deadletter.DeadLetterCounter;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.BuildContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One topology measured once, phase by phase as BENCHMARKS.md describes them: provision its topics,
 * load its tables, warm up, time the throughput of a pre-loaded input, probe the rate it sustains
 * while the loader runs beside it, then measure latency at shares of that rate (the latency curve).
 */
final class TopologyBench {
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration DRAIN = Duration.ofSeconds(180);

  /** Records pre-loaded while paused, the rate they were processed at, the rate they loaded at. */
  record Throughput(long records, long recordsPerSecond, long loadRecordsPerSecond) {}

  /** What the probe found: the rate sustained with the loader running, and the loader's cores. */
  private record Probe(long recordsPerSecond, double loaderCores) {}

  /**
   * How long the closed-loop probe loads at most: long enough for several commit intervals, short
   * enough to leave the latency points their copies.
   */
  private static final Duration PROBE = Duration.ofSeconds(10);

  /** A warm-up round whose JIT compiling stayed under this share of the CPU ends the warm-up. */
  static final double QUIET_COMPILING = 0.05;

  private final BenchPlan plan;
  private final InputScaler scaler;
  private final Duration latencyDuration;
  private final List<Double> latencyLoads;
  private final Duration latencyTarget;
  private final Duration latencyWarmup;
  private final PrintWriter out;
  private final BenchPeer peer;
  private static final int QUERY_KEYS = 2_000;
  private final Map<String, Object> clients;
  private FeedEncoder encoder;

  /**
   * @param peer measured instead of the plan's topology, on the plan's topics and phases; null for
   *     the topology itself
   */
  TopologyBench(
      BenchPlan plan,
      InputScaler scaler,
      Duration latencyDuration,
      List<Double> latencyLoads,
      Duration latencyTarget,
      Duration latencyWarmup,
      PrintWriter out,
      BenchPeer peer) {
    this.plan = plan;
    this.peer = peer;
    this.scaler = scaler;
    this.latencyDuration = latencyDuration;
    this.latencyLoads = List.copyOf(latencyLoads);
    this.latencyTarget = latencyTarget;
    this.latencyWarmup = latencyWarmup;
    this.out = out;
    this.clients = StreamsProperties.clientProperties(plan.config());
  }

  BenchResult measure() {
    String name = peer == null ? plan.topology() : peer.name();
    out.printf(
        "bench: %s (%s %s, input %s)%n",
        name,
        peer == null ? "application.id" : "consumer group",
        plan.applicationId(),
        plan.input().topic());
    try (Admin admin = Preflight.admin(plan.config());
        Loader loader = new Loader(clients);
        SchemaRegistryClient registry =
            SchemaRegistries.connect(plan.config().kafka().schemaRegistryUrl(), Map.of());
        MemorySampler memory = new MemorySampler()) {
      encoder = new FeedEncoder(new AvroSerdes(registry));
      provision(admin);
      LagMeter lag = new LagMeter(admin);
      loadTables(loader);
      try (Running running = Running.start(plan, peer)) {
        running.awaitRunning();
        awaitTablesProcessed(lag);
        warmUp(loader, lag, running);
        Throughput throughput = measureThroughput(admin, loader, lag, running);
        Probe probe = probeWithLoader(loader, lag, throughput.recordsPerSecond());
        long withLoader = probe.recordsPerSecond();
        List<LoadPoint> curve = new ArrayList<>();
        for (int i = 0; i < latencyLoads.size() && plan.output() != null; i++) {
          curve.add(measureLatency(loader, lag, withLoader, latencyLoads.get(i), i));
        }
        LoadPoint headline = curve.isEmpty() ? LoadPoint.NONE : LoadPoint.headline(curve);
        List<QueryLatency> queries = measureQueries(running);
        return new BenchResult(
            name,
            throughput.records(),
            throughput.recordsPerSecond(),
            0,
            headline.p50Ms(),
            headline.p95Ms(),
            headline.p99Ms(),
            headline.offeredPerSecond(),
            headline.sent(),
            headline.samples(),
            memory.peakHeapBytes() / (1024 * 1024),
            memory.peakRssBytes() / (1024 * 1024),
            throughput.loadRecordsPerSecond(),
            queries,
            running.settings(),
            withLoader,
            curve,
            latencyTarget.toMillis(),
            0,
            probe.loaderCores());
      }
    }
  }

  private void provision(Admin admin) {
    Duration startup = plan.config().app().startupTimeout();
    new TopicProvisioner(admin, startup).ensure(plan.topics().values());
    new LagMeter(admin).awaitLeaders(plan.topics().keySet(), startup);
  }

  /** Tables first, before the topology starts: every copy the three phases use. */
  private void loadTables(Loader loader) {
    for (Feed table : plan.tables()) {
      long n = loader.load(table.topic(), encoder.encode(table, plan.table(scaler, table)));
      out.printf("  loaded %,d records into %s%n", n, table.topic());
    }
  }

  private void awaitTablesProcessed(LagMeter lag) {
    Set<String> tables = plan.tableTopics();
    if (!tables.isEmpty()) {
      lag.awaitCaughtUp(plan.applicationId(), lag.endOffsets(tables), STARTUP);
      out.printf("  tables processed%n");
    }
  }

  /**
   * JIT, caches and RocksDB warmed on copies the measured phases do not use; not timed. In rounds,
   * each like the timed phase (input pre-loaded while paused, then processed), until a round in
   * which the JIT compilers took under {@link #QUIET_COMPILING} of the process CPU, or {@link
   * BenchPlan#WARM_UP_ROUNDS} rounds. One fixed warm-up of twice the timed input left the first
   * topologies of a run compiling through their timed phase (up to half its CPU for the first
   * ceiling, a third for observation-alerting), so run 1 measured the JIT as much as the topology.
   */
  private void warmUp(Loader loader, LagMeter lag, Running running) {
    String input = plan.input().topic();
    for (int round = 0; round < BenchPlan.WARM_UP_ROUNDS; round++) {
      PhaseCost.CompileShare jit = PhaseCost.CompileShare.start();
      running.pause();
      long records = loader.load(input, input(plan.warmUpRound(round)));
      running.resume();
      lag.awaitCaughtUp(plan.applicationId(), lag.endOffsets(Set.of(input)), DRAIN);
      double compiling = jit.share();
      out.printf(
          "  warm-up %d: %,d input records processed, JIT compilers busy up to %.0f %% of the"
              + " CPU%n",
          round + 1, records, 100 * compiling);
      if (compiling < QUIET_COMPILING) {
        return;
      }
    }
  }

  /**
   * Sustained records/s: the input pre-loaded while paused, timed from resume to committed. A
   * peer's job is timed by the same commits: Flink's sources commit their offsets to the group when
   * a checkpoint completes, the checkpoint whose completion also commits the sink's transactions
   * (the Kafka Streams topology commits offsets and outputs in one transaction), so the last offset
   * committed means the outputs of everything before it are committed too, or are being committed
   * on the same completion.
   */
  private Throughput measureThroughput(Admin admin, Loader loader, LagMeter lag, Running running) {
    String input = plan.input().topic();
    running.pause();
    long loadStart = System.nanoTime();
    long records = loader.load(input, input(plan.throughput()));
    long loadRate = perSecond(records, System.nanoTime() - loadStart);
    Map<TopicPartition, Long> inputEnds = lag.endOffsets(Set.of(input));
    out.printf("  pre-loaded %,d input records (%,d/s)%n", records, loadRate);
    PhaseCost cost =
        PhaseCost.start(
            admin, plan, running.streams() == null ? null : () -> running.streams().metrics());
    long started = System.nanoTime();
    running.resume();
    long done = lag.awaitCaughtUp(plan.applicationId(), inputEnds, DRAIN);
    long rate = perSecond(records, done - started);
    out.printf("  processed in %.1f s: %,d records/s%n", (done - started) / 1e9, rate);
    cost.print(out, records, done - started);
    return new Throughput(records, rate, loadRate);
  }

  /**
   * The rate the topology sustains while the loader runs on the same cores: a closed loop, the
   * loader sending as fast as it can (up to {@link #PROBE} at the pre-loaded rate) while the
   * topology runs, timed from the first send until the group has committed the last record. The
   * latency curve's loads are shares of this rate, not of the pre-loaded one: with the loader
   * running, half the pre-loaded rate can already be near saturation.
   */
  private Probe probeWithLoader(Loader loader, LagMeter lag, long preloaded) {
    String input = plan.input().topic();
    long cap = Math.max(1, preloaded * PROBE.toSeconds());
    long cpu = loader.cpuNanos();
    long started = System.nanoTime();
    long records = loader.load(input, input(plan.probe(cap)));
    double loaderCores = cores(loader.cpuNanos() - cpu, System.nanoTime() - started);
    long done = lag.awaitCaughtUp(plan.applicationId(), lag.endOffsets(Set.of(input)), DRAIN);
    long rate = perSecond(records, done - started);
    out.printf(
        "  probe with the loader running: %,d records in %.1f s, %,d records/s (loader: %.2f"
            + " cores while sending)%n",
        records, (done - started) / 1e9, rate, loaderCores);
    return new Probe(rate, loaderCores);
  }

  /**
   * End-to-end latency at {@code share} of the rate sustained with the loader, on the copies of
   * latency point {@code index}; outputs stamped in the first {@code latencyWarmup} are not
   * counted.
   */
  private LoadPoint measureLatency(
      Loader loader, LagMeter lag, long withLoader, double share, int index) {
    String input = plan.input().topic();
    long offered = Math.max(1, Math.round(withLoader * share));
    long cap = Math.max(1, offered * latencyDuration.toMillis() / 1000);
    BenchPlan.Slice copies = plan.latencyPoint(index, cap);
    // A small sample (a few dozen PA events a copy) can run out before the duration: the warm-up
    // is then a third of the time the point's records take to send, so most still count.
    long sendingMillis = 1000 * plan.inputRecords(scaler, copies) / offered;
    long measureFrom =
        System.currentTimeMillis() + Math.min(latencyWarmup.toMillis(), sendingMillis / 3);
    LoadPoint point;
    long seen;
    List<LatencyTimeline.Slot> slowest;
    Percentiles inputLatency;
    List<LatencyTimeline.Slot> inputSlowest;
    try (LatencyMeter meter = new LatencyMeter(clients, plan.output(), measureFrom);
        LatencyMeter inputMeter = new LatencyMeter(clients, input, measureFrom)) {
      long cpu = loader.cpuNanos();
      long started = System.nanoTime();
      long sent = loader.load(input, input(copies), offered, latencyDuration.toNanos());
      double loaderCores = cores(loader.cpuNanos() - cpu, System.nanoTime() - started);
      lag.awaitCaughtUp(plan.applicationId(), lag.endOffsets(Set.of(input)), DRAIN);
      meter.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(2)); // the committed outputs
      point = LoadPoint.of(share, offered, sent, meter.stop(), loaderCores);
      seen = meter.seen();
      slowest = meter.slowestSlots(3);
      inputLatency = inputMeter.stop();
      inputSlowest = inputMeter.slowestSlots(3);
    }
    out.printf(
        "  latency at %.0f %% (%,d/s offered, %,d sent, %,d outputs, %,d counted): p50 %d ms,"
            + " p99 %d ms, p99.9 %d ms; loader %.2f cores%n",
        share * 100,
        point.offeredPerSecond(),
        point.sent(),
        seen,
        point.samples(),
        point.p50Ms(),
        point.p99Ms(),
        point.p999Ms(),
        point.loaderCores());
    out.printf(
        "    slowest quarter-seconds of sending (offset, slowest record): %s%n",
        LatencyTimeline.describe(slowest));
    out.printf(
        "    the input itself, loader to a reader: p50 %d ms, p99 %d ms; slowest: %s%n",
        inputLatency.percentile(50),
        inputLatency.percentile(99),
        LatencyTimeline.describe(inputSlowest));
    return point;
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

  /** The declared queries, over keys of the records the throughput phase fed. */
  private List<QueryLatency> measureQueries(Running running) {
    if (plan.queries().isEmpty() || running.app() == null) {
      return List.of();
    }
    return new QueryBench(out)
        .measure(
            running.app(),
            plan.secondReplica(),
            plan.topology(),
            sampledKeys(QUERY_KEYS),
            plan.queries());
  }

  /** Up to {@code max} distinct keys, spread evenly over the throughput phase's input. */
  private List<String> sampledKeys(int max) {
    Set<String> keys = new LinkedHashSet<>();
    plan.input(scaler, plan.throughput()).forEachRemaining(r -> keys.add(r.key()));
    List<String> all = new ArrayList<>(keys);
    int step = Math.max(1, all.size() / max);
    List<String> sampled = new ArrayList<>();
    for (int i = 0; i < all.size() && sampled.size() < max; i += step) {
      sampled.add(all.get(i));
    }
    return sampled;
  }

  /** A slice of the timed input, encoded as its topic carries it. */
  private Iterator<ScaledRecord> input(BenchPlan.Slice slice) {
    return encoder.encode(plan.input(), plan.input(scaler, slice));
  }

  /** CPU time over wall time, to two decimals: how many cores were busy. */
  static double cores(long cpuNanos, long wallNanos) {
    return wallNanos <= 0 ? 0 : Math.round(100.0 * cpuNanos / wallNanos) / 100.0;
  }

  static long perSecond(long records, long nanos) {
    return nanos <= 0 ? 0 : Math.round(records * (double) TimeUnit.SECONDS.toNanos(1) / nanos);
  }

  /**
   * The topology running as the app runs it: StreamsApp for product ones (seeds included); or a
   * peer's job on the same plan.
   */
  private record Running(
      KafkaStreams streams, AutoCloseable owner, StreamsApp app, BenchPeer.Job job, BenchPlan plan)
      implements AutoCloseable {
    static Running start(BenchPlan plan, BenchPeer peer) {
      AppConfig config = plan.config();
      String name = plan.topology();
      if (peer != null) {
        BenchPeer.Job job = peer.start(config, plan.applicationId());
        return new Running(null, job, null, job, plan);
      }
      if (!name.equals(PassthroughTopology.NAME) && !name.equals(ReadOnlyTopology.NAME)) {
        StreamsApp app = StreamsApp.start(config, List.of(name));
        return new Running(app.topologies().get(0).streams(), app, app, null, plan);
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
      return new Running(running.streams(), running, null, null, plan);
    }

    void awaitRunning() {
      if (job != null) {
        job.awaitRunning(STARTUP);
      } else {
        TopologyBench.awaitRunning(streams);
      }
    }

    void pause() {
      if (job != null) {
        job.pause();
      } else {
        streams.pause();
      }
    }

    void resume() {
      if (job != null) {
        job.resume();
      } else {
        streams.resume();
      }
    }

    /** The Kafka Streams settings of the topology's own block, or what the peer ran with. */
    Map<String, String> settings() {
      return job != null
          ? job.settings()
          : plan.config().topology(plan.topology()).map(t -> t.streams()).orElse(Map.of());
    }

    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + owner + " failed", e);
      }
    }
  }
}
