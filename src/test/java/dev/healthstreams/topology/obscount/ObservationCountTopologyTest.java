package dev.healthstreams.topology.obscount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.fhir.Fixtures;
import dev.healthstreams.testkit.TopologyKit;
import dev.healthstreams.testkit.TopologyKitExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test-only topology through the test kit, which knows nothing of it beyond its registration:
 * the counts it writes and keeps match counts taken straight from the input.
 */
class ObservationCountTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TopologyKitExtension kit =
      TopologyKitExtension.of(
          ObservationCountTopology.NAME,
          TopologyKit.yaml(
              """
              observation-count:
                topics: {observations: fhir.observation, counts: observation.counts, dead-letter: count.dlq}
                statuses: [final, amended]
              """));

  private record Obs(String id, String patient, String status) {
    String json() {
      return Fixtures.observation(id, patient, status, Fixtures.EFFECTIVE, "8867-4", 80, "/min");
    }
  }

  @Test
  void shouldCountObservationsInTheConfiguredStatusesPerPatient() {
    List<Obs> input =
        List.of(
            new Obs("o1", "p1", "final"),
            new Obs("o2", "p1", "amended"),
            new Obs("o3", "p2", "final"),
            new Obs("o4", "p1", "preliminary"),
            new Obs("o5", "p3", "cancelled"),
            new Obs("o6", "p2", "final"),
            new Obs("o7", "p1", "final"));
    TestInputTopic<String, byte[]> observations = kit.input(ObservationCountTopology.OBSERVATIONS);
    input.forEach(o -> observations.pipeInput(o.id(), o.json().getBytes(StandardCharsets.UTF_8)));

    Map<String, Long> expected =
        input.stream()
            .filter(o -> o.status().equals("final") || o.status().equals("amended"))
            .collect(Collectors.groupingBy(Obs::patient, TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("p1", 3L, "p2", 2L), expected, "the fixture's own arithmetic");
    assertEquals(expected, writtenCounts());
    assertEquals(expected, storedCounts());
  }

  @Test
  void shouldSendAnObservationWithoutAPatientToTheDeadLetters() {
    byte[] noSubject =
        Fixtures.observation("o1", "p1", "final", Fixtures.EFFECTIVE, "8867-4", 80, "/min")
            .replace("\"subject\"", "\"focus\"")
            .getBytes(StandardCharsets.UTF_8);
    TestInputTopic<String, byte[]> observations = kit.input(ObservationCountTopology.OBSERVATIONS);
    observations.pipeInput("o1", noSubject);
    observations.pipeInput(
        "o2", new Obs("o2", "p1", "final").json().getBytes(StandardCharsets.UTF_8));

    List<TestRecord<byte[], byte[]>> letters = kit.deadLetters().readRecordsToList();
    assertEquals(1, letters.size());
    TopologyKit.assertDeadLetter(
        letters.get(0),
        "o1",
        noSubject,
        "no-patient",
        ObservationCountTopology.NAME,
        "fhir.observation",
        0);
    assertEquals(Map.of("p1", 1L), writtenCounts());
  }

  /** The bundled Synthea sample, counted here with a plain JSON parse of each line. */
  @Test
  void shouldCountTheBundledSample() throws IOException {
    List<String> lines = sampleLines();
    TestInputTopic<String, byte[]> observations = kit.input(ObservationCountTopology.OBSERVATIONS);
    Map<String, Long> expected = new TreeMap<>();
    for (String line : lines) {
      JsonNode resource = JSON.readTree(line);
      observations.pipeInput(resource.path("id").asText(), line.getBytes(StandardCharsets.UTF_8));
      String status = resource.path("status").asText();
      String subject = resource.path("subject").path("reference").asText();
      if ((status.equals("final") || status.equals("amended")) && subject.startsWith("Patient/")) {
        expected.merge(subject.substring("Patient/".length()), 1L, Long::sum);
      }
    }

    assertEquals(lines.size(), expected.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(expected, writtenCounts());
    assertEquals(expected, storedCounts());
    assertEquals(0, kit.deadLetters().getQueueSize());
  }

  /** The latest count per patient on the output table topic. */
  private static Map<String, Long> writtenCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (KeyValue<String, byte[]> kv :
        kit.output(ObservationCountTopology.COUNTS).readKeyValuesToList()) {
      JsonNode value = readJson(kv.value);
      assertEquals(kv.key, value.path("patientId").asText(), "keyed by patient");
      counts.put(kv.key, value.path("observations").asLong());
    }
    return counts;
  }

  private static Map<String, Long> storedCounts() {
    KeyValueStore<String, Long> store = kit.kit().keyValueStore(ObservationCountTopology.STORE);
    Map<String, Long> counts = new TreeMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> counts.put(kv.key, kv.value));
    }
    return counts;
  }

  private static JsonNode readJson(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(value, StandardCharsets.UTF_8), e);
    }
  }

  private static List<String> sampleLines() throws IOException {
    String resource = ObservationCountTopology.OBSERVATIONS.sample();
    try (var in = ObservationCountTopologyTest.class.getResourceAsStream(resource);
        var reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      reader.lines().filter(l -> !l.isBlank()).forEach(lines::add);
      return lines;
    }
  }
}
