package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.healthstreams.topology.query.BadQueryParameter;
import dev.healthstreams.topology.query.QueryRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes GET requests to the declared query endpoints by path template (the most specific template
 * wins), turns failures into JSON answers (400 naming the parameter, 404, 503 with Retry-After) and
 * counts every answer.
 */
final class QueryRouter implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(QueryRouter.class);

  record Route(PathTemplate template, QueryHandler handler) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();
  private final QueryMetrics metrics;

  QueryRouter(QueryMetrics metrics) {
    this.metrics = metrics;
  }

  void add(String template, QueryHandler handler) {
    PathTemplate path = new PathTemplate(template);
    for (Route route : routes) {
      if (route.template().template().equals(template)) {
        throw new IllegalArgumentException("two query endpoints declare " + template);
      }
    }
    routes.add(new Route(path, handler));
    metrics.declare(template);
  }

  Optional<Match> match(String rawPath) {
    Match best = null;
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.template().match(rawPath);
      if (params.isPresent()
          && (best == null || route.template().literals() > best.route().template().literals())) {
        best = new Match(route, params.get());
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      String rawPath = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Optional<Match> match;
      Map<String, String> query;
      try {
        match = match(rawPath);
        query = QueryStrings.parse(rawQuery);
      } catch (IllegalArgumentException e) {
        // A malformed %-escape: the client's mistake, answered like any bad parameter.
        send(exchange, malformedEscape(rawQuery, rawPath));
        return;
      }
      if (match.isEmpty()) {
        send(exchange, QueryResponse.error(404, "no such endpoint", Outcome.NOT_FOUND));
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, QueryResponse.error(405, "only GET", Outcome.BAD_REQUEST));
        return;
      }
      String template = match.get().route().template().template();
      String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
      boolean forwarded = exchange.getRequestHeaders().containsKey(ReplicaClient.HOP_HEADER);
      QueryResponse response =
          answer(
              match.get().route().handler(),
              new QueryRequest(match.get().params(), query),
              pathAndQuery,
              forwarded,
              template);
      metrics.count(template, response.outcome());
      send(exchange, response);
      metrics.timed(template, System.nanoTime() - start);
    }
  }

  /**
   * A request this replica makes of its own endpoints (an answer's {@link
   * dev.healthstreams.topology.query.KeyLookup.Include}): routed, answered and counted as a
   * client's, not marked forwarded, so its owner is asked if that is another replica.
   */
  QueryResponse resolve(String pathAndQuery) {
    int question = pathAndQuery.indexOf('?');
    String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);
    Optional<Match> match = match(rawPath);
    if (match.isEmpty()) {
      throw new IllegalStateException("no endpoint answers an included path");
    }
    String template = match.get().route().template().template();
    QueryResponse response =
        answer(
            match.get().route().handler(),
            new QueryRequest(match.get().params(), QueryStrings.parse(rawQuery)),
            pathAndQuery,
            false,
            template);
    metrics.count(template, response.outcome());
    return response;
  }

  private static QueryResponse malformedEscape(String rawQuery, String rawPath) {
    boolean inQuery = rawQuery != null && !isDecodable(rawQuery);
    ObjectNode body =
        QueryResponse.JSON
            .createObjectNode()
            .put("error", "malformed percent-encoding")
            .put("parameter", inQuery ? "query" : "path");
    return QueryResponse.of(400, body, Outcome.BAD_REQUEST);
  }

  private static boolean isDecodable(String raw) {
    try {
      java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static QueryResponse answer(
      QueryHandler handler,
      QueryRequest request,
      String pathAndQuery,
      boolean forwarded,
      String template) {
    try {
      return handler.handle(request, pathAndQuery, forwarded);
    } catch (BadQueryParameter e) {
      ObjectNode body =
          QueryResponse.JSON
              .createObjectNode()
              .put("error", e.getMessage())
              .put("parameter", e.parameter());
      return QueryResponse.of(400, body, Outcome.BAD_REQUEST);
    } catch (NotReady e) {
      return QueryResponse.unavailable(e.getMessage());
    } catch (InvalidStateStoreException e) {
      return QueryResponse.unavailable("rebalancing or restoring");
    } catch (RuntimeException e) {
      // The class only: a message could quote a key or a stored value.
      log.error("query endpoint={} failed ({})", template, e.getClass().getName());
      return QueryResponse.error(500, "internal error", Outcome.ERROR);
    }
  }

  private static void send(HttpExchange exchange, QueryResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (response.status() == 503) {
      exchange
          .getResponseHeaders()
          .set("Retry-After", Integer.toString(QueryResponse.RETRY_AFTER_SECONDS));
    }
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
