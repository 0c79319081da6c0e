package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.topology.query.QueryRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

class QueryRouterTest {
  private static final QueryHandler OK =
      (request, pathAndQuery, forwarded) ->
          QueryResponse.of(
              200,
              QueryResponse.JSON
                  .createObjectNode()
                  .put("limit", request.intParam("limit", 5, 1, 9)),
              Outcome.LOCAL);

  private final QueryRouter router = new QueryRouter(new QueryMetrics(new SimpleMeterRegistry()));

  @Test
  void shouldPreferTheMoreSpecificTemplate() {
    QueryHandler other = (request, pathAndQuery, forwarded) -> null;
    router.add("/t/patients/{id}", OK);
    router.add("/t/patients/summary", other);

    assertEquals(other, router.match("/t/patients/summary").orElseThrow().route().handler());
    QueryRouter.Match byId = router.match("/t/patients/p7").orElseThrow();
    assertEquals(OK, byId.route().handler());
    assertEquals(Map.of("id", "p7"), byId.params());
    assertTrue(router.match("/t/other").isEmpty());
  }

  @Test
  void shouldRejectTwoEndpointsOnOnePath() {
    router.add("/t/x", OK);
    assertThrows(IllegalArgumentException.class, () -> router.add("/t/x", OK));
  }

  @Test
  void shouldAnswerABadParameterWith400NamingIt() throws Exception {
    QueryResponse response =
        QueryRouter.answer(OK, request(Map.of("limit", "abc")), "/t", false, "/t");

    assertEquals(400, response.status());
    assertEquals(Outcome.BAD_REQUEST, response.outcome());
    JsonNode body = QueryResponse.JSON.readTree(response.body());
    assertEquals("limit", body.path("parameter").asText());
    assertTrue(body.path("error").asText().contains("'abc' is not an integer"), body.toString());
  }

  @Test
  void shouldAnswer503WhenNotReadyOrTheStoreIsMigrating() {
    QueryHandler notReady =
        (request, pathAndQuery, forwarded) -> {
          throw new NotReady("topology t is REBALANCING");
        };
    QueryHandler migrating =
        (request, pathAndQuery, forwarded) -> {
          throw new InvalidStateStoreException("migrated");
        };

    for (QueryHandler handler : new QueryHandler[] {notReady, migrating}) {
      QueryResponse response = QueryRouter.answer(handler, request(Map.of()), "/t", false, "/t");
      assertEquals(503, response.status());
      assertEquals(Outcome.UNAVAILABLE, response.outcome());
      assertTrue(response.body().contains("\"retryAfterSeconds\":1"), response.body());
    }
  }

  @Test
  void shouldAnswer500WithoutTheExceptionMessage() {
    QueryHandler failing =
        (request, pathAndQuery, forwarded) -> {
          throw new IllegalStateException("patient Jane Doe");
        };

    QueryResponse response = QueryRouter.answer(failing, request(Map.of()), "/t", false, "/t");

    assertEquals(500, response.status());
    assertTrue(!response.body().contains("Jane"), response.body());
  }

  private static QueryRequest request(Map<String, String> query) {
    return new QueryRequest(Map.of(), query);
  }
}
