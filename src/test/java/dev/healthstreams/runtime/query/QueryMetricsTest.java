package dev.healthstreams.runtime.query;

import static dev.healthstreams.testkit.PrometheusScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.healthstreams.runtime.HttpServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The query histogram through a real server: declared endpoints at zero, answers timed. */
class QueryMetricsTest {
  private static final long WORK_NANOS = 40_000_000;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A handler that takes at least {@link #WORK_NANOS} to answer, as a slow store read would. */
  private static final QueryHandler SLOW =
      (request, pathAndQuery, forwarded) -> {
        long until = System.nanoTime() + WORK_NANOS;
        while (System.nanoTime() < until) {
          LockSupport.parkNanos(until - System.nanoTime());
        }
        return QueryResponse.of(200, QueryResponse.JSON.createObjectNode(), Outcome.LOCAL);
      };

  @Test
  void shouldTimeEachAnswerAndShowDeclaredEndpointsBeforeTheirFirstQuery() throws Exception {
    QueryRouter router = new QueryRouter(new QueryMetrics(registry));
    router.add("/t/patients/{id}", SLOW);
    router.add("/t/stats", SLOW);
    HttpServer server = HttpServers.create(new InetSocketAddress("127.0.0.1", 0));
    server.createContext("/", router);
    server.start();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.getAddress().getPort()
                                  + "/t/patients/p1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
    } finally {
      server.stop(0);
    }

    String scrape = registry.scrape();
    String byId = "endpoint=\"/t/patients/{id}\"";
    assertEquals(1, value(scrape, "healthstreams_query_duration_seconds_count", byId));
    double seconds = value(scrape, "healthstreams_query_duration_seconds_sum", byId);
    assertTrue(seconds >= WORK_NANOS / 1e9, "at least the handler's time: " + seconds);
    assertEquals(
        0, value(scrape, "healthstreams_query_duration_seconds_bucket", byId, "le=\"0.025\""));
    assertEquals(
        0, value(scrape, "healthstreams_query_duration_seconds_count", "endpoint=\"/t/stats\""));
    assertEquals(
        1, value(scrape, "healthstreams_queries_total", byId, "outcome=\"local\""), scrape);
  }
}
