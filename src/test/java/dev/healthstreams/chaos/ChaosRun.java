package dev.healthstreams.chaos;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.e2e.Http;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.SampleProducer;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One chaos run: a broker in its own process, a schema registry (Apicurio, its own process too,
 * started as embedded mode starts it), three replicas of the app running {@code run}, the input fed
 * while replicas and the broker are killed, then every output compared with a {@code backtest} of
 * the same input and every process's log searched for the input's PHI markers.
 */
final class ChaosRun {
  static final int REPLICAS = 3;

  private final Path dir;
  private final ChaosSize size;
  private final long seed;
  private final String guarantee;
  private final Consumer<String> say;

  ChaosRun(Path dir, ChaosSize size, long seed, String guarantee, Consumer<String> say) {
    this.dir = dir;
    this.size = size;
    this.seed = seed;
    this.guarantee = guarantee;
    this.say = say;
  }

  ChaosReport run() throws Exception {
    long startedAt = System.nanoTime();
    Random random = new Random(seed);
    ChaosInput input =
        ChaosInput.generate(random.nextLong(), size, dir.resolve("input"), Instant.now());
    say.accept("input: " + input.records() + " records (seed " + seed + ")");
    List<FaultPlan.Fault> faults =
        FaultPlan.draw(
            random, size.replicaKills(), REPLICAS, Duration.ofSeconds(size.feedSeconds()));

    BrokerProcess broker = new BrokerProcess(dir.resolve("broker"), dir.resolve("logs"));
    CompletableFuture<EmbeddedRegistry> registryStart =
        CompletableFuture.supplyAsync(
            () -> EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(150)));
    List<Replica> replicas = new ArrayList<>();
    EmbeddedRegistry registry = null;
    try {
      broker.start();
      say.accept("broker ready after " + seconds(startedAt) + " s");
      registry = registryStart.get(180, TimeUnit.SECONDS);
      say.accept("registry ready after " + seconds(startedAt) + " s");
      List<Path> configs = new ArrayList<>();
      List<Integer> ports = Http.stablePorts(REPLICAS);
      for (int r = 0; r < REPLICAS; r++) {
        int port = ports.get(r);
        String id = "chaos-replica-" + (r + 1);
        Path config =
            Replica.writeConfig(
                dir.resolve(id + ".yaml"),
                broker.bootstrapServers(),
                registry.url(),
                dir.resolve(id).resolve("state"),
                port,
                id,
                guarantee);
        configs.add(config);
        replicas.add(new Replica(id, port, dir.resolve(id), config, size.replicaJvmOptions()));
      }
      AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(configs.get(0));
      List<BuiltTopology> topologies = Topologies.forInspection(config, Replica.TOPOLOGIES);
      createTopics(config, topologies);
      CompletableFuture<Map<String, Path>> expected =
          CompletableFuture.supplyAsync(
              () -> Recomputation.backtest(config, input, dir.resolve("backtest")));

      for (Replica replica : replicas) {
        replica.start();
      }
      for (Replica replica : replicas) {
        replica.awaitReady(Duration.ofSeconds(300));
      }
      say.accept("3 replicas ready after " + seconds(startedAt) + " s");

      Duration fed;
      List<String> faultLog;
      try (SchemaRegistryClient client =
              SchemaRegistries.connect(
                  config.kafka().schemaRegistryUrl(), config.kafka().properties());
          Producer<String, byte[]> producer = producer(config)) {
        Feeder feeder =
            new Feeder(new SampleProducer(producer, new AvroSerdes(client)), topologies);
        for (ChaosInput.Piece table : input.tables()) {
          feeder.feed(table);
        }
        // Reference data is loaded before events, as in a deployment and in the backtest: an
        // Observation joined before its Patient is read (a broker killed right after the tables
        // were written delayed their fetch) goes out without patient details, and the run would
        // compare a race instead of the guarantee (seed -8536933381963107515).
        new Drain(config, topologies, input).await(Duration.ofSeconds(180));
        say.accept("tables read after " + seconds(startedAt) + " s");
        FaultInjector injector = new FaultInjector(faults, replicas, broker, say);
        long feedStart = System.nanoTime();
        injector.start();
        List<List<ChaosInput.Piece>> chunks = input.chunks();
        try {
          for (int c = 0; c < chunks.size(); c++) {
            long due = feedStart + TimeUnit.SECONDS.toNanos(size.feedSeconds()) * c / chunks.size();
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait); // the feed's pace, not a wait for a condition
            }
            for (ChaosInput.Piece piece : chunks.get(c)) {
              feeder.feed(piece);
            }
          }
        } catch (RuntimeException feedFailed) {
          injector.abandon();
          throw feedFailed;
        }
        fed = Duration.ofNanos(System.nanoTime() - feedStart);
        faultLog = new ArrayList<>(withOpenTransactions(broker, injector::finish));
      }
      say.accept("fed in " + fed.toSeconds() + " s; faults:\n  " + String.join("\n  ", faultLog));
      long faultsEnded = System.nanoTime();
      for (Replica replica : replicas) {
        awaitReadyAfterFaults(replica, broker, faultLog);
      }
      faultLog.add("replicas: all ready " + seconds(faultsEnded) + " s after the faults ended");
      for (Replica replica : replicas) {
        faultLog.add(
            replica.instanceId
                + ": "
                + replica.starts()
                + " starts, "
                + replica.supervisedRestarts()
                + " of them supervised (exited on its own before ready, or "
                + replica.livenessRestarts()
                + " after failing liveness)");
      }

      Drain drain = new Drain(config, topologies, input);
      Map<String, Long> onTopics = drain.inputCounts();
      drain.await(Duration.ofSeconds(size.feedSeconds() * 4L + 300));
      faultLog.addAll(drain.abortedHanging());
      say.accept("drained after " + seconds(startedAt) + " s");

      Map<String, Path> backtests = expected.get(600, TimeUnit.SECONDS);
      Verifier verifier = new Verifier(config, topologies);
      Map<String, Map<String, OutputComparison.Result>> outputs = verifier.compare(backtests);
      Map<String, String> queries = new QueryCheck(input, backtests, random).check(replicas);

      // Together: each replica's shutdown is independent of the others', and takes seconds.
      List<Thread> stopping = new ArrayList<>();
      for (Replica replica : replicas) {
        Thread stop = new Thread(replica::terminateQuietly, "stop-" + replica.instanceId);
        stop.start();
        stopping.add(stop);
      }
      for (Thread stop : stopping) {
        stop.join();
      }
      broker.close();
      registry.close();
      List<Path> logs = new ArrayList<>(broker.logs());
      logs.add(dir.resolve("registry").resolve("registry.log"));
      replicas.forEach(r -> logs.addAll(r.logs()));
      PhiMarkers.Scan phi = PhiMarkers.scan(logs);
      return new ChaosReport(
          seed,
          guarantee,
          input.records(),
          onTopics,
          faultLog,
          outputs,
          queries,
          phi,
          logs.size(),
          Duration.ofNanos(System.nanoTime() - startedAt));
    } finally {
      replicas.forEach(Replica::close);
      broker.close();
      if (registry != null) {
        registry.close();
      } else {
        registryStart.thenAccept(EmbeddedRegistry::close);
      }
    }
  }

  /**
   * Waits up to five minutes for a replica after the faults. While it is not ready, the broker's
   * hanging transactions (quiet for a minute, unknown to their coordinator) are aborted each
   * minute, as an operator would, and {@code faultLog} says so: the broker's fault, which would
   * otherwise stall the replica for good, not the app's (HangingTransactions).
   */
  private static void awaitReadyAfterFaults(
      Replica replica, BrokerProcess broker, List<String> faultLog) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      long left = deadline - System.nanoTime();
      try {
        replica.awaitReady(Duration.ofNanos(Math.min(left, TimeUnit.MINUTES.toNanos(1))));
        return;
      } catch (AssertionError notYet) {
        if (deadline - System.nanoTime() <= 0) {
          throw new AssertionError(
              notYet.getMessage()
                  + "\n"
                  + OpenTransactions.describe(broker.bootstrapServers())
                  + "\n"
                  + HangingTransactions.describe(broker.bootstrapServers()),
              notYet);
        }
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        List<HangingTransactions.Open> hanging =
            HangingTransactions.find(admin, Duration.ofMinutes(1));
        if (!hanging.isEmpty()) {
          HangingTransactions.abort(admin, hanging);
          faultLog.add(
              "broker: aborted hanging transactions while "
                  + replica.instanceId
                  + " was not ready: "
                  + hanging);
        }
      }
    }
  }

  private static void createTopics(AppConfig config, List<BuiltTopology> topologies) {
    try (Admin admin = Admin.create(StreamsProperties.clientProperties(config))) {
      new TopicProvisioner(admin, config.kafka().bootstrapServers(), Duration.ofSeconds(60))
          .ensure(TopicPlan.external(topologies, 4, (short) 1).values());
    }
  }

  /**
   * The feed's producer: idempotent and patient, so a broker that is down for a while delays the
   * input but neither loses nor doubles it. A record it still cannot deliver fails the run there,
   * named as the feed's failure ({@link SampleProducer.UndeliveredRecordsException}), not as
   * outputs missing later: once (seed 5405118634117339911) it met OUT_OF_ORDER_SEQUENCE_NUMBER
   * after a broker kill until its delivery timeout, and 29 input records were silently missing.
   * Three minutes is ample for a broker restart (under 30 s in every run) and fails such a run
   * sooner.
   */
  private static Producer<String, byte[]> producer(AppConfig config) {
    Map<String, Object> props = StreamsProperties.clientProperties(config);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends a piece of input as {@code demo} does, keeping each record's time. */
  private record Feeder(SampleProducer producer, List<BuiltTopology> topologies) {
    void feed(ChaosInput.Piece piece) {
      producer.produce(role(piece), piece.topic(), piece.file(), true);
    }

    private TopicRole<?> role(ChaosInput.Piece piece) {
      BuiltTopology topology =
          topologies.stream()
              .filter(t -> t.name().equals(piece.topology()))
              .findFirst()
              .orElseThrow();
      return topology.definition().roles().stream()
          .filter(r -> r.name().equals(piece.role()))
          .findFirst()
          .orElseThrow();
    }
  }

  private static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  /**
   * {@code step}, and on a failure (a replica that never got ready) the broker's open transactions
   * added to its message: the first thing to know of a restore that stopped (OpenTransactions).
   */
  private static <T> T withOpenTransactions(BrokerProcess broker, Callable<T> step)
      throws Exception {
    try {
      return step.call();
    } catch (AssertionError failed) {
      throw new AssertionError(
          failed.getMessage() + "\n" + OpenTransactions.describe(broker.bootstrapServers()),
          failed);
    }
  }
}
