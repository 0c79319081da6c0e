package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpEndpointsLatencyTest {

  /**
   * With Nagle's algorithm on, every answer of the JDK server waits for the client's delayed ACK
   * (about 40 ms on Linux): the floor that every key lookup showed before TCP_NODELAY.
   */
  @Test
  void aSmallAnswerOnLoopbackTakesFarLessThanTheDelayedAckFloor() throws Exception {
    try (HttpEndpoints endpoints =
        HttpEndpoints.start(
            0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List::of, () -> true)) {
      endpoints.route(
          "/echo",
          exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + "/echo"))
              .build();
      long[] nanos = new long[40];
      for (int i = 0; i < 20; i++) {
        client.send(request, HttpResponse.BodyHandlers.ofString());
      }
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        nanos[i] = System.nanoTime() - start;
        assertEquals(200, answer.statusCode());
      }
      Arrays.sort(nanos);
      long medianMs = nanos[nanos.length / 2] / 1_000_000;
      assertTrue(medianMs < 20, "median " + medianMs + " ms");
    }
  }
}
