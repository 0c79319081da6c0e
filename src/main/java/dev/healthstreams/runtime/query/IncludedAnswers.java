package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthstreams.topology.query.KeyLookup;
import dev.healthstreams.topology.query.QueryRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Puts other endpoints' answers into a key lookup's answer ({@link KeyLookup.Include}): each is
 * asked as a client's request would be, so it is read here or relayed to the replica that owns its
 * key. A 404 becomes a null field; a 503 makes the whole answer a 503 (never half an answer); where
 * each included answer was served is reported beside this one's.
 */
final class IncludedAnswers {
  private final Function<String, QueryResponse> ask;

  /**
   * @param ask answers a path of this replica's endpoints as a client's request
   */
  IncludedAnswers(Function<String, QueryResponse> ask) {
    this.ask = ask;
  }

  /**
   * Adds each include's answer to {@code value} and where it was served to {@code served}.
   *
   * @throws NotReady when an included endpoint cannot answer now
   */
  void addTo(
      JsonNode value, List<KeyLookup.Include> includes, QueryRequest request, ObjectNode served) {
    for (KeyLookup.Include include : includes) {
      add(value, include, request, served);
    }
  }

  private void add(
      JsonNode value, KeyLookup.Include include, QueryRequest request, ObjectNode served) {
    if (!(value instanceof ObjectNode object)) {
      throw new IllegalStateException("an answer with includes must be a JSON object");
    }
    QueryResponse included = ask.apply(include.path().apply(request));
    JsonNode answer;
    try {
      answer = QueryResponse.JSON.readTree(included.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an included answer is not JSON", e);
    }
    switch (included.status()) {
      case 200 -> object.set(include.field(), answer.path("value"));
      case 404 -> object.putNull(include.field());
      case 503 -> throw new NotReady(include.field() + ": " + answer.path("error").asText());
      default ->
          throw new IllegalStateException(
              "included " + include.field() + " answered " + included.status());
    }
    if (answer.has("served")) {
      ObjectNode all =
          served.get("includes") instanceof ObjectNode known ? known : served.putObject("includes");
      all.set(include.field(), answer.get("served"));
    }
  }
}
