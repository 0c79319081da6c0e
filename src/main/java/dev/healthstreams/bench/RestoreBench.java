package dev.healthstreams.bench;

import dev.healthstreams.bench.BenchPlan.Feed;
import dev.healthstreams.bench.RestoreResult.Fill;
import dev.healthstreams.bench.RestoreResult.Phase;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.runtime.Preflight;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.StreamsProperties;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.processor.TaskId;

/**
 * {@code bench --restore}: how long one store of a topology takes to come back.
 *
 * <ol>
 *   <li>Seed: the topology runs on copy 0 of its samples (tables first, then its timed input), so
 *       its store holds state the topology itself computed.
 *   <li>Fill: those entries, copied for copies 1, 2, ... of the samples ({@link StateCopies}), are
 *       written to the store's changelog until the store has the entries asked for.
 *   <li>Cold: a replica with an empty state dir ({@code num-standby-replicas} 1, which it cannot
 *       place while alone), timed from its start until {@code /health/ready} answers 200 (every
 *       topology RUNNING, so every store restored).
 *   <li>Standby: a second replica started with an empty state dir takes standbys of the first's
 *       tasks; once they have no lag, the first is stopped and the second timed until it is ready
 *       with every active task the two had.
 * </ol>
 */
final class RestoreBench {
  private static final Duration STARTUP = Duration.ofMinutes(10);
  private static final String LABEL = "-restore";

  /** One topology's store, how many entries it should hold. */
  record Target(String topology, String store, long entries) {}

  private final BenchPlanner planner;
  private final AppConfig base;
  private final Path work;
  private final Target target;
  private final PrintWriter out;

  /**
   * @param planner a planner of one copy: the seed run feeds copy 0
   * @param base the config every replica starts from, broker and registry set
   * @param work where the replicas' state dirs go
   */
  RestoreBench(BenchPlanner planner, AppConfig base, Path work, Target target, PrintWriter out) {
    this.planner = planner;
    this.base = base;
    this.work = work;
    this.target = target;
    this.out = out;
  }

  RestoreResult measure(Machine machine, String command, String started) {
    BenchPlan plan = planner.plan(withPrefix(base), target.topology(), LABEL);
    AppConfig config = plan.config();
    String changelog =
        config.app().applicationId(target.topology()) + "-" + target.store() + "-changelog";
    out.printf(
        "bench: restore of %s's store %s (changelog %s)%n",
        target.topology(), target.store(), changelog);
    Map<String, Object> clients = StreamsProperties.clientProperties(config);
    try (Admin admin = Preflight.admin(config);
        SchemaRegistryClient registry =
            SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), Map.of())) {
      AvroSerdes avro = new AvroSerdes(registry);
      LagMeter lag = new LagMeter(admin);
      seed(plan, admin, lag, avro, clients);
      ChangelogFill filler =
          new ChangelogFill(clients, avro, new StateCopies(planner.scaler().renamedIds()));
      Map<String, byte[]> seeds = filler.read(changelog);
      out.printf("  seed: the topology wrote %,d entries to %s%n", seeds.size(), target.store());
      ChangelogFill.Filled filled =
          filler.fill(changelog, seeds, Math.max(0, target.entries() - seeds.size()));
      long changelogRecords = records(lag.endOffsets(Set.of(changelog)).values());
      out.printf(
          "  filled: %,d entries (%,.1f MiB) in %.1f s; the changelog's end offsets add up to %,d%n",
          filled.records(), filled.bytes() / (1024.0 * 1024), filled.seconds(), changelogRecords);
      ReplicaClock clock = new ReplicaClock(target, STARTUP);
      // With standbys configured from the start: alone, it has no other replica to put them on.
      long coldStart = System.nanoTime();
      StreamsApp first = StreamsApp.start(replica(config, "first", 1), names());
      Phase cold;
      Phase[] standby;
      try {
        cold = cold(first, coldStart, clock);
        standby = standby(first, config, clock, changelogPartitions(lag, changelog));
      } finally {
        first.close();
      }
      return new RestoreResult(
          machine.ended(),
          command,
          started,
          target.topology(),
          target.store(),
          seeds.size(),
          new Fill(filled.records(), filled.bytes(), filled.seconds()),
          changelogRecords,
          cold,
          standby[0],
          standby[1]);
    }
  }

  /** The topology's own state for copy 0 of the samples. */
  private void seed(
      BenchPlan plan, Admin admin, LagMeter lag, AvroSerdes avro, Map<String, Object> clients) {
    Duration startup = plan.config().app().startupTimeout();
    new TopicProvisioner(admin, startup).ensure(plan.topics().values());
    lag.awaitLeaders(plan.topics().keySet(), startup);
    FeedEncoder encoder = new FeedEncoder(avro);
    InputScaler scaler = planner.scaler();
    Set<String> fed = new LinkedHashSet<>();
    try (Loader loader = new Loader(clients)) {
      for (Feed table : plan.tables()) {
        loader.load(table.topic(), encoder.encode(table, plan.table(scaler, table)));
        fed.add(table.topic());
      }
      long input =
          loader.load(
              plan.input().topic(),
              encoder.encode(plan.input(), plan.input(scaler, plan.throughput())));
      fed.add(plan.input().topic());
      try (StreamsApp app = StreamsApp.start(replica(plan.config(), "seed", 0), names())) {
        lag.awaitSettled(plan.applicationId(), lag.endOffsets(fed), STARTUP);
      }
      out.printf("  seed: %,d input records processed from copy 0 of the samples%n", input);
    }
  }

  /** The first replica, started at {@code start} with an empty state dir, until ready. */
  private Phase cold(StreamsApp first, long start, ReplicaClock clock) {
    clock.awaitReady(first, Set.of());
    double seconds = (System.nanoTime() - start) / 1e9;
    Phase cold = clock.phase(first, seconds, Map.of());
    out.printf(
        "  cold start: ready after %.1f s, %,d records of %s restored (%,d/s), %,d in all stores;"
            + " %,d entries%n",
        seconds,
        cold.restoredRecords(),
        target.store(),
        cold.restoredPerSecond(),
        cold.restoredAllStores(),
        cold.storeEntries());
    return cold;
  }

  /** The standby's catch-up, then the failover to it: two phases. */
  private Phase[] standby(StreamsApp first, AppConfig config, ReplicaClock clock, int partitions) {
    StreamsApp second = null;
    try {
      long start = System.nanoTime();
      second = StreamsApp.start(replica(config, "standby", 1), names());
      clock.awaitStandbyCaughtUp(second, partitions);
      double catchUpSeconds = (System.nanoTime() - start) / 1e9;
      Phase catchUp = clock.phase(second, catchUpSeconds, Map.of(), -1);
      Set<TaskId> tasks = clock.activeTasks(first);
      Set<TaskId> ownTasks = clock.activeTasks(second);
      tasks.addAll(ownTasks);
      out.printf(
          "  standby caught up after %.1f s (%,d records restored meanwhile, all stores); active"
              + " tasks: %d on the first replica, %d on the second%n",
          catchUpSeconds,
          catchUp.restoredAllStores(),
          tasks.size() - ownTasks.size(),
          ownTasks.size());
      Map<String, Long> before = clock.restored(second);
      long stop = System.nanoTime();
      first.close();
      double closeSeconds = (System.nanoTime() - stop) / 1e9;
      clock.awaitReady(second, tasks);
      double seconds = (System.nanoTime() - stop) / 1e9;
      Phase failover = clock.phase(second, seconds, before);
      out.printf(
          "  failover: the first replica closed in %.1f s; the second ready with all %d active"
              + " tasks %.1f s after the close began, %,d records of %s restored, %,d in all"
              + " stores; %,d entries%n",
          closeSeconds,
          tasks.size(),
          seconds,
          failover.restoredRecords(),
          target.store(),
          failover.restoredAllStores(),
          failover.storeEntries());
      return new Phase[] {catchUp, failover};
    } finally {
      if (second != null) {
        second.close();
      }
    }
  }

  private List<String> names() {
    return List.of(target.topology());
  }

  private static int changelogPartitions(LagMeter lag, String changelog) {
    return lag.endOffsets(Set.of(changelog)).size();
  }

  private static long records(java.util.Collection<Long> endOffsets) {
    return endOffsets.stream().mapToLong(Long::longValue).sum();
  }

  private static AppConfig withPrefix(AppConfig config) {
    return config.withApp(
        config.app().withApplicationIdPrefix(config.app().applicationIdPrefix() + LABEL));
  }

  /** A replica of its own: state dir under the work dir, any HTTP port, dynamic membership. */
  private AppConfig replica(AppConfig config, String stateDir, int standbys) {
    return config.withApp(
        config
            .app()
            .withStateDir(work.resolve(stateDir))
            .withHttpPort(0)
            .withReplicas(
                new ReplicaSettings(
                    standbys,
                    Optional.empty(),
                    ReplicaSettings.DEFAULT_SESSION_TIMEOUT,
                    ReplicaSettings.DEFAULT_SHUTDOWN_TIMEOUT)));
  }
}
