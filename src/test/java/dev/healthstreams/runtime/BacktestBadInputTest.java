package dev.healthstreams.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests hand-made NDJSON with the repository's topologies.yaml: bad lines go to the dead-letter
 * file with their reason and original value, good lines around them still alert, and patients are
 * fed before observations whatever order the inputs are given in.
 */
class BacktestBadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBSERVATIONS_TOPIC = "fhir.observation";

  @TempDir Path work;
  private AppConfig config;

  @BeforeEach
  void loadTheRepositoryConfig() throws IOException {
    Path stateDir = Files.createDirectories(work.resolve("state"));
    config =
        new ConfigLoader(
                TopologyRegistry.discover().all(),
                Map.of("HEALTHSTREAMS_STATE_DIR", stateDir.toString()))
            .load(Path.of("topologies.yaml"));
  }

  /** A bad line and the dead-letter reason it must get. */
  private record BadLine(String text, String reason) {}

  private static final List<BadLine> BAD_LINES =
      List.of(
          new BadLine("this is not json", "not-json"),
          new BadLine("{\"resourceType\":\"Observation\",\"id\":\"cut-off\"", "not-json"),
          new BadLine("[1,2,3]", "not-fhir"),
          new BadLine(
              "{\"resourceType\":\"Patient\",\"id\":\"p-on-wrong-topic\"}", "wrong-resource-type"),
          new BadLine(
              "{\"resourceType\":\"Observation\",\"id\":\"no-subject\",\"status\":\"final\","
                  + "\"effectiveDateTime\":\"2024-01-01T10:00:00Z\","
                  + heartRate(150)
                  + "}",
              "no-subject"),
          new BadLine(
              "{\"resourceType\":\"Observation\",\"id\":\"text-value\",\"status\":\"final\","
                  + "\"subject\":{\"reference\":\"Patient/p1\"},"
                  + "\"effectiveDateTime\":\"2024-01-01T10:00:00Z\","
                  + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                  + "\"valueQuantity\":{\"value\":\"150\",\"code\":\"/min\"}}",
              "unparsable-value"));

  @Test
  void shouldDeadLetterBadLinesWithTheirReasonAndOriginalValueAndStillAlertOnGoodOnes()
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(observation("good-before", "p1", "2024-01-01T08:00:00Z", heartRate(140)));
    BAD_LINES.forEach(bad -> lines.add(bad.text()));
    lines.add(observation("good-after", "p2", "2024-01-01T09:00:00Z", heartRate(35)));
    lines.add(observation("normal-after", "p2", "2024-01-01T09:05:00Z", heartRate(70)));
    Path observations = write("observations.ndjson", lines);
    Path patients =
        write("patients.ndjson", List.of(patient("p1", "MRN-1"), patient("p2", "MRN-2")));

    Map<String, List<Path>> inputs = new LinkedHashMap<>();
    inputs.put("patients", List.of(patients));
    inputs.put("observations", List.of(observations));
    Map<String, Long> counts = Backtest.run(config, "observation-alerting", inputs, out());

    List<JsonNode> deadLetters = read("dead-letter.ndjson");
    assertEquals(BAD_LINES.size(), deadLetters.size(), () -> "dead letters: " + deadLetters);
    assertEquals((long) BAD_LINES.size(), counts.get("dead-letter"));
    for (int i = 0; i < BAD_LINES.size(); i++) {
      BadLine bad = BAD_LINES.get(i);
      JsonNode line = deadLetters.get(i);
      JsonNode headers = line.path("headers");
      String where = "dead letter " + i + " (" + bad.reason() + ")";
      assertEquals(bad.reason(), headers.path("healthstreams.error.reason").asText(null), where);
      assertEquals(
          OBSERVATIONS_TOPIC, headers.path("healthstreams.source.topic").asText(null), where);
      // The bad line is the (i + 1)th record of the observations topic: one good line precedes.
      assertEquals(
          String.valueOf(i + 1), headers.path("healthstreams.source.offset").asText(null), where);
      assertEquals(
          "observation-alerting", headers.path("healthstreams.topology").asText(null), where);
      assertEquals(originalAsShown(bad.text()), line.path("value"), where + ": original value");
      assertTrue(line.path("timestamp").isIntegralNumber(), where + ": timestamp written");
    }

    // Heart rate 140 fires tachycardia-severe (>= 131, critical) and tachycardia (> 120, high);
    // the high one shares heart-rate-high and the same time, so it is suppressed. 35 fires
    // bradycardia-severe (<= 40, critical) and bradycardia (< 50, high) likewise. 70 fires nothing.
    List<JsonNode> alerts = read("alerts.ndjson");
    assertEquals(
        List.of(
            "good-before:tachycardia-severe CRITICAL p1 MRN-1",
            "good-after:bradycardia-severe CRITICAL p2 MRN-2"),
        summaries(alerts));
  }

  @Test
  void shouldFeedPatientsFirstEvenWhenObservationsAreListedFirst() throws IOException {
    Path observations =
        write(
            "observations.ndjson",
            List.of(
                observation("o1", "p1", "2024-03-01T12:00:00Z", heartRate(125)),
                observation("o2", "p2", "2024-03-01T12:00:00Z", heartRate(45))));
    Path patients =
        write("patients.ndjson", List.of(patient("p1", "MRN-1"), patient("p2", "MRN-2")));

    Map<String, List<Path>> inputs = new LinkedHashMap<>();
    inputs.put("observations", List.of(observations));
    inputs.put("patients", List.of(patients));
    Backtest.run(config, "observation-alerting", inputs, out());

    List<JsonNode> alerts = read("alerts.ndjson");
    assertEquals(
        List.of("o1:tachycardia HIGH p1 MRN-1", "o2:bradycardia HIGH p2 MRN-2"), summaries(alerts));
    for (JsonNode alert : alerts) {
      assertEquals(
          "Given Family",
          alert.path("value").path("patientName").asText(null),
          "name from the patient file");
    }
    assertTrue(read("dead-letter.ndjson").isEmpty());
  }

  @Test
  void shouldFeedSeveralFilesOfOneRoleInTheOrderGiven() throws IOException {
    // Two heart rates of 125 ten minutes apart: the second is within tachycardia's 30 minutes, so
    // it is suppressed only if the files are read in the order listed.
    Path first =
        write(
            "first.ndjson",
            List.of(observation("early", "p1", "2024-03-01T12:00:00Z", heartRate(125))));
    Path second =
        write(
            "second.ndjson",
            List.of(observation("late", "p1", "2024-03-01T12:10:00Z", heartRate(125))));
    Map<String, List<Path>> inputs = new LinkedHashMap<>();
    inputs.put("observations", List.of(first, second));
    Backtest.run(config, "observation-alerting", inputs, out());

    List<JsonNode> alerts = read("alerts.ndjson");
    assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
    assertEquals("early:tachycardia", alerts.get(0).path("value").path("alertId").asText());
    // No patients given: the alert is written unenriched.
    assertTrue(alerts.get(0).path("value").path("patientMrn").isNull());
  }

  // ---- fixtures

  private static String heartRate(double perMinute) {
    return "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
        + "\"valueQuantity\":{\"value\":"
        + perMinute
        + ",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}";
  }

  private static String observation(String id, String patient, String time, String element) {
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"},\"effectiveDateTime\":\""
        + time
        + "\","
        + element
        + "}";
  }

  private static String patient(String id, String mrn) {
    return "{\"resourceType\":\"Patient\",\"id\":\""
        + id
        + "\",\"identifier\":[{\"type\":{\"coding\":[{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/v2-0203\",\"code\":\"MR\"}]},"
        + "\"system\":\"http://hospital.example\",\"value\":\""
        + mrn
        + "\"}],\"name\":[{\"use\":\"official\",\"family\":\"Family\",\"given\":[\"Given\"]}],"
        + "\"birthDate\":\"1970-01-01\"}";
  }

  /** How a value appears in an output line: parsed when it is JSON, else as text. */
  private static JsonNode originalAsShown(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static List<String> summaries(List<JsonNode> alerts) {
    List<String> result = new ArrayList<>();
    for (JsonNode line : alerts) {
      JsonNode value = line.path("value");
      result.add(
          value.path("alertId").asText()
              + " "
              + value.path("severity").asText()
              + " "
              + value.path("patientId").asText()
              + " "
              + value.path("patientMrn").asText(null));
    }
    return result;
  }

  private Path write(String name, List<String> lines) throws IOException {
    return Files.write(work.resolve(name), lines);
  }

  private Path out() {
    return work.resolve("out");
  }

  private List<JsonNode> read(String file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(out().resolve(file))) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }
}
