package dev.healthstreams.runtime.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** A query's answer: status, JSON body, and how it was reached (for the metrics). */
record QueryResponse(int status, String body, Outcome outcome) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int RETRY_AFTER_SECONDS = 1;

  static QueryResponse of(int status, JsonNode body, Outcome outcome) {
    try {
      return new QueryResponse(status, JSON.writeValueAsString(body), outcome);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static QueryResponse error(int status, String message, Outcome outcome) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    return of(status, body, outcome);
  }

  static QueryResponse unavailable(String reason) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("error", "not available: " + reason)
            .put("retryAfterSeconds", RETRY_AFTER_SECONDS);
    return of(503, body, Outcome.UNAVAILABLE);
  }

  QueryResponse withOutcome(Outcome newOutcome) {
    return new QueryResponse(status, body, newOutcome);
  }
}
