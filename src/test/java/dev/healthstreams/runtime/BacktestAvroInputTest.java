package dev.healthstreams.runtime;

import static dev.healthstreams.runtime.BacktestFiles.read;
import static dev.healthstreams.runtime.BacktestFiles.tree;
import static dev.healthstreams.runtime.BacktestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * medication-interaction's knowledge role is an Avro table: backtest takes it as JSON lines, the
 * records as `tail` prints them. The knowledge file here holds one interaction (one seed); the JSON
 * lines add a second, which only they can make fire.
 */
class BacktestAvroInputTest {
  private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  private static final String KNOWLEDGE_TOPIC = "interaction.knowledge";

  private static final String KNOWLEDGE_FILE =
      """
      groups:
        - {id: vitamin-k-antagonists, name: Vitamin K antagonists, rxnorm: ["11289"]}
        - {id: nsaids, name: NSAIDs, rxnorm: ["5640"]}
      interactions:
        - id: warfarin-nsaid
          groups: [vitamin-k-antagonists, nsaids]
          severity: major
          description: NSAIDs add to the bleeding risk of warfarin
      """;

  /** An interaction the knowledge file does not have: acetaminophen (161) with sertraline. */
  private static final String GOOD_LINE =
      "{\"interactionId\":\"acetaminophen-sertraline\","
          + "\"groupA\":{\"groupId\":\"acetaminophen\",\"name\":\"Acetaminophen\",\"rxnorm\":[\"161\"]},"
          + "\"groupB\":{\"groupId\":\"ssris\",\"name\":\"SSRIs\",\"rxnorm\":[\"36437\"]},"
          + "\"severity\":\"MINOR\",\"description\":\"a test interaction\","
          + "\"management\":null,\"source\":\"backtest test\"}";

  /** Not a symbol of InteractionSeverity: does not convert. */
  private static final String BAD_LINE =
      "{\"interactionId\":\"broken\","
          + "\"groupA\":{\"groupId\":\"a\",\"name\":\"A\",\"rxnorm\":[\"1\"]},"
          + "\"groupB\":{\"groupId\":\"b\",\"name\":\"B\",\"rxnorm\":[\"2\"]},"
          + "\"severity\":\"SEVERE\",\"description\":\"broken\"}";

  @TempDir Path work;

  @Test
  void shouldUseKnowledgeGivenAsJsonLinesAndDeadLetterALineThatDoesNotConvert() {
    Path knowledge = write(work, "knowledge.ndjson", List.of(BAD_LINE, GOOD_LINE));
    Path requests =
        write(
            work,
            "requests.ndjson",
            List.of(
                request("rq-1", "161"),
                request("rq-2", "36437"),
                request("rq-3", "11289"),
                request("rq-4", "5640")));

    Map<String, Long> counts =
        Backtest.run(
            config(),
            "medication-interaction",
            Map.of("knowledge", List.of(knowledge), "medication-requests", List.of(requests)),
            out());

    Map<String, String> alerts = new LinkedHashMap<>();
    for (JsonNode line : read(out().resolve("alerts.ndjson"))) {
      alerts.put(
          line.path("value").path("alertId").asText(),
          line.path("value").path("severity").asText());
    }
    // rq-2 meets rq-1 under the JSON-line interaction (after the bad line); rq-4 meets rq-3 under
    // the seeded one.
    assertEquals(
        Map.of(
            "rq-1+rq-2:acetaminophen-sertraline", "MINOR",
            "rq-3+rq-4:warfarin-nsaid", "MAJOR"),
        alerts);

    List<JsonNode> deadLetters = read(out().resolve("dead-letter.ndjson"));
    assertEquals(1, deadLetters.size(), () -> "dead letters: " + deadLetters);
    assertEquals(1L, counts.get("dead-letter"));
    JsonNode letter = deadLetters.get(0);
    assertEquals(tree(BAD_LINE), letter.path("value"), "the line as it came");
    assertEquals("broken", letter.path("key").asText(), "keyed by the record's id field");
    JsonNode headers = letter.path("headers");
    assertEquals("corrupt-avro", headers.path("healthstreams.error.reason").asText(null));
    assertEquals("medication-interaction", headers.path("healthstreams.topology").asText(null));
    assertEquals(KNOWLEDGE_TOPIC, headers.path("healthstreams.source.topic").asText(null));
    assertEquals("0", headers.path("healthstreams.source.partition").asText(null));
    // One seed took offset 0; the bad line is the next record of the topic.
    assertEquals("1", headers.path("healthstreams.source.offset").asText(null));
  }

  @Test
  void shouldDeadLetterALineThatDoesNotConvertOnAnAvroStreamAsTheTopologysHandlerDoes() {
    Path lines = write(work, "interactions.ndjson", List.of(GOOD_LINE, BAD_LINE, GOOD_LINE));
    String yaml =
        """
        kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://backtest-avro"}
        app: {state-dir: %s}
        topologies:
          avro-echo-test:
            topics: {interactions: interactions, out: out, dead-letter: echo.dlq}
        """
            .formatted(work.resolve("state"));
    AppConfig config =
        TopologyRegistry.discover()
            .with(new AvroEchoTestTopology())
            .loader(Map.of())
            .load(yaml, "test.yaml");

    Backtest.run(config, AvroEchoTestTopology.NAME, Map.of("interactions", List.of(lines)), out());

    List<String> seen =
        read(out().resolve("out.ndjson")).stream().map(l -> l.path("value").asText()).toList();
    assertEquals(List.of("seen acetaminophen-sertraline", "seen acetaminophen-sertraline"), seen);
    List<JsonNode> deadLetters = read(out().resolve("dead-letter.ndjson"));
    assertEquals(1, deadLetters.size(), () -> "dead letters: " + deadLetters);
    JsonNode letter = deadLetters.get(0);
    assertEquals(tree(BAD_LINE), letter.path("value"), "the line as it came");
    JsonNode headers = letter.path("headers");
    assertEquals("corrupt-avro", headers.path("healthstreams.error.reason").asText(null));
    assertEquals(AvroEchoTestTopology.NAME, headers.path("healthstreams.topology").asText(null));
    assertEquals("interactions", headers.path("healthstreams.source.topic").asText(null));
    assertEquals("1", headers.path("healthstreams.source.offset").asText(null));
  }

  private static String request(String id, String rxnorm) {
    return "{\"resourceType\":\"MedicationRequest\",\"id\":\""
        + id
        + "\",\"status\":\"active\",\"intent\":\"order\","
        + "\"subject\":{\"reference\":\"Patient/p1\"},\"authoredOn\":\"2024-05-02T08:00:00Z\","
        + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\""
        + RXNORM
        + "\",\"code\":\""
        + rxnorm
        + "\"}]}}";
  }

  private AppConfig config() {
    Path knowledgeFile = write(work, "knowledge.yaml", List.of(KNOWLEDGE_FILE));
    String yaml =
        """
        kafka: {bootstrap-servers: "localhost:9092", schema-registry-url: "mock://backtest-avro"}
        app: {state-dir: %s}
        topologies:
          medication-interaction:
            topics:
              medication-requests: fhir.medicationrequest
              medications: fhir.medication
              patients: fhir.patient
              knowledge: %s
              alerts: alerts.medication
              dead-letter: interaction.dlq
            knowledge-file: "%s"
        """
            .formatted(work.resolve("state"), KNOWLEDGE_TOPIC, knowledgeFile);
    return TopologyRegistry.discover().loader(Map.of()).load(yaml, "test.yaml");
  }

  private Path out() {
    return work.resolve("out");
  }
}
