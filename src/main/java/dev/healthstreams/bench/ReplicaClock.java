package dev.healthstreams.bench;

import dev.healthstreams.bench.RestoreBench.Target;
import dev.healthstreams.bench.RestoreResult.Phase;
import dev.healthstreams.runtime.StreamsApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the restore bench waits on and reads from a replica: its readiness as a Kubernetes probe
 * sees it ({@code /health/ready}), its tasks, its standby's lag, the records it restored and the
 * entries its store holds.
 */
final class ReplicaClock {
  private static final Duration POLL = Duration.ofMillis(20);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Target target;
  private final Duration timeout;

  ReplicaClock(Target target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
  }

  /** Until {@code /health/ready} answers 200 and the replica holds {@code tasks} as active. */
  void awaitReady(StreamsApp app, Set<TaskId> tasks) {
    await(
        () -> activeTasks(app).containsAll(tasks) && ready(app.httpPort()),
        "ready with " + tasks.size() + " active tasks");
  }

  /** Until the replica's copy of the store (a standby) is on every partition with no lag. */
  void awaitStandbyCaughtUp(StreamsApp app, int partitions) {
    await(
        () -> {
          Map<Integer, LagInfo> lags = lags(app);
          return lags.size() == partitions
              && lags.values().stream().allMatch(lag -> lag.offsetLag() == 0);
        },
        "its standby of " + target.store() + " caught up");
  }

  Set<TaskId> activeTasks(StreamsApp app) {
    Set<TaskId> tasks = new HashSet<>();
    for (ThreadMetadata thread : streams(app).metadataForLocalThreads()) {
      thread.activeTasks().forEach(task -> tasks.add(task.taskId()));
    }
    return tasks;
  }

  /** Records restored per store since the replica started. */
  Map<String, Long> restored(StreamsApp app) {
    return app.topologies().get(0).restore().restoredSinceStart();
  }

  /** The phase as measured, restores counted since {@code before}, the store's entries counted. */
  Phase phase(StreamsApp app, double seconds, Map<String, Long> before) {
    return phase(app, seconds, before, entries(app));
  }

  Phase phase(StreamsApp app, double seconds, Map<String, Long> before, long entries) {
    Map<String, Long> now = restored(app);
    long store = now.getOrDefault(target.store(), 0L) - before.getOrDefault(target.store(), 0L);
    long all =
        now.values().stream().mapToLong(Long::longValue).sum()
            - before.values().stream().mapToLong(Long::longValue).sum();
    return new Phase(seconds, store, all, entries);
  }

  /**
   * The entries of the store's active copies in this replica, each value read with the store's own
   * serde: what the restored store serves.
   */
  long entries(StreamsApp app) {
    ReadOnlyKeyValueStore<Object, Object> store =
        streams(app)
            .store(
                StoreQueryParameters.fromNameAndType(
                    target.store(), QueryableStoreTypes.keyValueStore()));
    long count = 0;
    try (KeyValueIterator<Object, Object> all = store.all()) {
      while (all.hasNext()) {
        if (all.next().value != null) {
          count++;
        }
      }
    }
    return count;
  }

  private Map<Integer, LagInfo> lags(StreamsApp app) {
    try {
      Map<Integer, LagInfo> lags = streams(app).allLocalStorePartitionLags().get(target.store());
      return lags == null ? Map.of() : lags;
    } catch (StreamsException e) {
      return Map.of(); // not running yet, or rebalancing: asked again at the next poll
    }
  }

  private boolean ready(int port) {
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("a replica was not " + what + " within " + timeout);
      }
      LagMeter.sleep(POLL);
    }
  }

  private static KafkaStreams streams(StreamsApp app) {
    return app.topologies().get(0).streams();
  }
}
