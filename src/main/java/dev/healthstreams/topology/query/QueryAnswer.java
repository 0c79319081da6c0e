package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a key lookup answers: the JSON body, and records the runtime writes to the topology's own
 * output roles before it answers (a decision's audit event, say), so that an answer is only sent
 * once what it must leave behind is written.
 */
public record QueryAnswer(JsonNode body, List<Outbound> records) {
  /** A record for the topic of the topology's output role {@code role}. */
  public record Outbound(String role, String key, byte[] value) {}

  public QueryAnswer {
    records = List.copyOf(records);
  }

  public static QueryAnswer of(JsonNode body) {
    return new QueryAnswer(body, List.of());
  }
}
