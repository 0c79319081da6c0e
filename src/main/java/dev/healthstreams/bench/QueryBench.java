package dev.healthstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Times a topology's HTTP queries as a client of its one replica sees them, one request at a time:
 * key lookups (all local) and lists. A second replica in the process, to time forwarded lookups, is
 * not part of it yet: tried, its lookups stalled (see the closing note of 2026-11-29).
 */
final class QueryBench {
  private static final int WARM_UP = 300;
  private static final int LOOKUPS = 2_000;
  private static final int LIST_CALLS = 200;
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
   * @param keys keys of records the topology processed, each looked up with {@link
   *     BenchQueries#byKey}
   */
  List<QueryLatency> measure(StreamsApp first, List<String> keys, BenchQueries q) {
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

  private static Percentiles percentiles(List<Long> micros) {
    return new Percentiles(micros.stream().mapToLong(Long::longValue).toArray());
  }
}
