package dev.healthstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.topology.query.BenchQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Times a topology's HTTP queries as a client of one replica sees them, one request at a time:
 * first with the topology on that replica alone (every key lookup local), then with a second
 * replica of the same application in this process, which takes about half the partitions, so a
 * lookup of a key it owns is forwarded to it; those are counted apart. Lists are asked of the first
 * replica both times (with two, they are gathered from both).
 *
 * <p>The second replica gets active tasks at the rebalance its joining causes only because the
 * bench counts every replica as caught up ({@code acceptable.recovery.lag}, see {@link Bench}):
 * otherwise Kafka Streams keeps every active task on the first one, warms the newcomer up, and
 * moves tasks at a probing rebalance ten minutes later, which is how an earlier version of this
 * phase stalled.
 */
final class QueryBench {
  private static final int WARM_UP = 300;
  private static final int LOOKUPS = 2_000;
  private static final int LIST_CALLS = 200;
  private static final Duration READY = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final PrintWriter out;

  QueryBench(PrintWriter out) {
    this.out = out;
  }

  /**
   * @param second the config of a second replica (its own state dir and HTTP port), or null to time
   *     the first one alone
   * @param keys keys of records the topology processed, each looked up with {@link
   *     BenchQueries#byKey}
   */
  List<QueryLatency> measure(
      StreamsApp first, AppConfig second, String topology, List<String> keys, BenchQueries q) {
    List<QueryLatency> results = new ArrayList<>();
    int port = first.httpPort();
    if (q.byKey() != null) {
      lookups(port, keys.subList(0, Math.min(WARM_UP, keys.size())), q);
      Timed alone = lookups(port, keys, q);
      results.add(QueryLatency.of("key lookup", "local", 1, alone.local()));
    }
    for (String list : q.lists()) {
      results.add(QueryLatency.of(list, "gathered", 1, repeat(port, list)));
    }
    if (second != null) {
      try (StreamsApp other = StreamsApp.start(second, List.of(topology))) {
        awaitShared(first, other);
        if (q.byKey() != null) {
          lookups(port, keys.subList(0, Math.min(WARM_UP, keys.size())), q);
          Timed shared = lookups(port, keys, q);
          results.add(QueryLatency.of("key lookup", "local", 2, shared.local()));
          results.add(QueryLatency.of("key lookup", "forwarded", 2, shared.forwarded()));
        }
        for (String list : q.lists()) {
          results.add(QueryLatency.of(list, "gathered", 2, repeat(port, list)));
        }
      }
    }
    results.forEach(
        r ->
            out.printf(
                "  query %s (%s, %d replica(s)): %,d answers, p50 %.2f ms, p99 %.2f ms%n",
                r.query(),
                r.path(),
                r.replicas(),
                r.count(),
                r.p50Micros() / 1000.0,
                r.p99Micros() / 1000.0));
    return results;
  }

  /** Lookup times split by which replica answered (the one asked, or the key's owner). */
  private record Timed(Percentiles local, Percentiles forwarded) {}

  private Timed lookups(int port, List<String> keys, BenchQueries q) {
    List<Long> local = new ArrayList<>();
    List<Long> forwarded = new ArrayList<>();
    int failed = 0;
    for (String key : keys) {
      long start = System.nanoTime();
      HttpResponse<String> answer = get(port, q.byKey().apply(key));
      long micros = (System.nanoTime() - start) / 1000;
      if (answer.statusCode() != 200) {
        failed++;
        continue;
      }
      String by = served(answer.body());
      (by.endsWith(":" + port) ? local : forwarded).add(micros);
    }
    if (failed > 0) {
      out.printf("  %,d of %,d lookups were not answered 200: left out%n", failed, keys.size());
    }
    return new Timed(percentiles(local), percentiles(forwarded));
  }

  private Percentiles repeat(int port, String path) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < WARM_UP / 10 + LIST_CALLS; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = get(port, path);
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            path + " answered " + answer.statusCode() + ": " + answer.body());
      }
      if (i >= WARM_UP / 10) {
        micros.add((System.nanoTime() - start) / 1000);
      }
    }
    return percentiles(micros);
  }

  private HttpResponse<String> get(int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String served(String body) {
    try {
      JsonNode served = JSON.readTree(body).path("served");
      return served.path("by").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException("an answer that is not JSON", e);
    }
  }

  /** Both replicas running, the second with active tasks of its own (restored). */
  private void awaitShared(StreamsApp first, StreamsApp second) {
    KafkaStreams a = first.topologies().get(0).streams();
    KafkaStreams b = second.topologies().get(0).streams();
    BooleanSupplier shared =
        () ->
            a.state() == KafkaStreams.State.RUNNING
                && b.state() == KafkaStreams.State.RUNNING
                && b.metadataForLocalThreads().stream()
                    .anyMatch(thread -> !thread.activeTasks().isEmpty());
    long started = System.nanoTime();
    long deadline = started + READY.toNanos();
    while (!shared.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the second replica took no partition within " + READY + " (" + b.state() + ")");
      }
      LagMeter.sleep(Duration.ofMillis(100));
    }
    out.printf(
        "  second replica running with tasks of its own after %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  private static Percentiles percentiles(List<Long> micros) {
    return new Percentiles(micros.stream().mapToLong(Long::longValue).toArray());
  }
}
