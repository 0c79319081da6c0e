package dev.healthstreams.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * /health/live, /health/ready (per topology state and restore progress), /metrics, and what else is
 * {@link #route routed} (the query endpoints).
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  /**
   * @param allStarted whether every selected topology has been started: the server listens before
   *     they start (their application.server needs its port), and is not ready until then
   */
  public static HttpEndpoints start(
      int port,
      PrometheusMeterRegistry metrics,
      Supplier<List<RunningTopology>> topologies,
      java.util.function.BooleanSupplier allStarted) {
    try {
      HttpServer server = HttpServers.create(new InetSocketAddress(port));
      // Queries wait on peers (forwarding, scatter-gather) while peers wait on us: enough threads
      // that two replicas asking each other at once still have some left to answer.
      server.setExecutor(
          Executors.newFixedThreadPool(8, DaemonThreads.named("healthstreams-http")));
      server.createContext(
          "/health/live", ex -> health(ex, topologies.get(), true, HttpEndpoints::isAlive));
      server.createContext(
          "/health/ready",
          ex -> health(ex, topologies.get(), allStarted.getAsBoolean(), s -> s == State.RUNNING));
      server.createContext(
          "/metrics",
          ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
      server.start();
      return new HttpEndpoints(server);
    } catch (IOException e) {
      throw new StartupException("cannot listen on HTTP port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Serves {@code handler} under {@code prefix} too (the query endpoints under "/"). */
  public void route(String prefix, HttpHandler handler) {
    server.createContext(prefix, handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static boolean isAlive(State state) {
    return state != State.ERROR && state != State.PENDING_ERROR;
  }

  private static void health(
      HttpExchange exchange,
      List<RunningTopology> topologies,
      boolean started,
      java.util.function.Predicate<State> healthy)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode perTopology = body.putObject("topologies");
    boolean up = started;
    for (RunningTopology topology : topologies) {
      State state = topology.state();
      up &= healthy.test(state);
      ObjectNode node = perTopology.putObject(topology.name());
      node.put("state", state.name());
      ObjectNode restoring = node.putObject("restoring");
      topology
          .restore()
          .snapshot()
          .forEach(
              (store, v) -> restoring.putObject(store).put("restored", v[0]).put("total", v[1]));
    }
    body.put("status", up ? "UP" : "DOWN");
    send(exchange, up ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
