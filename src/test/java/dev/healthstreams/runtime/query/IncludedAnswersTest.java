package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.runtime.query.Served.Copy;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncludedAnswersTest {
  private static final QueryRequest REQUEST = new QueryRequest(Map.of("goldenId", "g-7"), Map.of());
  private static final List<KeyLookup.Include> RECONCILIATION =
      List.of(
          new KeyLookup.Include(
              "reconciliation",
              request -> "/sync/reconciliation/patient/" + request.pathParam("goldenId")));
  private static final Served HERE = new Served("10.0.0.1:8080", Copy.ACTIVE, 0);
  private static final Served OWNER = new Served("10.0.0.2:8080", Copy.ACTIVE, 3);

  private final List<String> asked = new ArrayList<>();

  @Test
  void anAnswerFromTheReplicaThatOwnsTheIncludedKeyIsCarriedWithWhereItWasServed() {
    ObjectNode value = patient();
    ObjectNode served = HERE.toJson();
    ObjectNode reconciliation = QueryResponse.JSON.createObjectNode().put("state", "COMPLETED");

    answering(200, body(reconciliation, OWNER)).addTo(value, RECONCILIATION, REQUEST, served);

    assertEquals(List.of("/sync/reconciliation/patient/g-7"), asked);
    assertEquals("COMPLETED", value.path("reconciliation").path("state").asText());
    assertEquals("g-7", value.path("goldenId").asText(), "the own answer stays");
    assertEquals("10.0.0.1:8080", served.path("by").asText());
    assertEquals(
        OWNER.toJson().toString(), served.path("includes").path("reconciliation").toString());
  }

  @Test
  void anIncludedKeyWithoutStateIsANullField() {
    ObjectNode value = patient();
    ObjectNode served = HERE.toJson();
    ObjectNode notFound = body(null, HERE).put("error", "not found");

    answering(404, notFound).addTo(value, RECONCILIATION, REQUEST, served);

    assertTrue(value.has("reconciliation"));
    assertTrue(value.get("reconciliation").isNull());
  }

  @Test
  void anIncludedEndpointThatCannotAnswerMakesTheWholeAnswerUnavailable() {
    ObjectNode value = patient();
    ObjectNode unavailable =
        QueryResponse.JSON.createObjectNode().put("error", "store is migrating or restoring");

    NotReady notReady =
        assertThrows(
            NotReady.class,
            () -> answering(503, unavailable).addTo(value, RECONCILIATION, REQUEST, HERE.toJson()));

    assertTrue(notReady.getMessage().startsWith("reconciliation: store is migrating"));
    assertTrue(!value.has("reconciliation"), "never half an answer");
    QueryResponse response =
        QueryRouter.answer(
            (request, pathAndQuery, forwarded) -> {
              throw notReady;
            },
            REQUEST,
            "/sync/patients/g-7",
            false,
            "/sync/patients/{goldenId}");
    assertEquals(503, response.status());
  }

  @Test
  void anyOtherStatusOfAnIncludedEndpointIsAnError() {
    ObjectNode error = QueryResponse.JSON.createObjectNode().put("error", "internal error");

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> answering(500, error).addTo(patient(), RECONCILIATION, REQUEST, HERE.toJson()));
    assertEquals("included reconciliation answered 500", failure.getMessage());
  }

  @Test
  void onlyAnObjectCanCarryAnotherAnswer() {
    JsonNode array = QueryResponse.JSON.createArrayNode();

    assertThrows(
        IllegalStateException.class,
        () -> answering(200, body(patient(), OWNER)).addTo(array, RECONCILIATION, REQUEST, null));
    assertTrue(asked.isEmpty());
  }

  private IncludedAnswers answering(int status, ObjectNode body) {
    return new IncludedAnswers(
        path -> {
          asked.add(path);
          return QueryResponse.of(status, body, Outcome.LOCAL);
        });
  }

  private static ObjectNode patient() {
    return QueryResponse.JSON.createObjectNode().put("goldenId", "g-7");
  }

  private static ObjectNode body(JsonNode value, Served served) {
    ObjectNode body = QueryResponse.JSON.createObjectNode().put("key", "patient/g-7");
    if (value != null) {
      body.set("value", value);
    }
    body.set("served", served.toJson());
    return body;
  }
}
