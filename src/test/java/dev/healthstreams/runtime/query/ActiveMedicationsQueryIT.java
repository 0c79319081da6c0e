package dev.healthstreams.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.ProjectRoot;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.config.KafkaSettings;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.NdjsonReplayer;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of medication-interaction (two StreamsApps in this JVM, one application id, own
 * state dirs and HTTP ports, a standby each) on a real broker and registry, fed the bundled sample.
 * Every patient's active medications are right from either replica (forwarded to the owner when
 * needed), and still right from the survivor when the other stops: first from its standby copy,
 * then, after the rebalance, from its own active copy.
 */
class ActiveMedicationsQueryIT {
  private static final Path SAMPLE = ProjectRoot.path().resolve("src/main/resources/sample");
  private static final String TOPOLOGY = "medication-interaction";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Set<String> ACTIVE = Set.of("active", "on-hold");

  @TempDir Path dir;

  @Test
  void shouldAnswerEveryPatientFromEitherReplicaAndAfterOneStops() throws Exception {
    Map<String, Set<String>> expected = expectedActiveRequests();
    Set<String> patients = patientIds();
    Set<String> withNone = new TreeSet<>(patients);
    withNone.removeAll(expected.keySet());
    assertFalse(expected.isEmpty(), "the sample has active requests");
    assertFalse(withNone.isEmpty(), "the sample has a patient without active requests");

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedRegistry registry =
            EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(90))) {
      AppConfig config = config(kafka, registry);
      createTopics(kafka, config);
      StreamsApp first = StreamsApp.start(replica(config, "a"), List.of(TOPOLOGY));
      StreamsApp second = StreamsApp.start(replica(config, "b"), List.of(TOPOLOGY));
      try {
        awaitRunning(first, second);
        feed(kafka.bootstrapServers(), config);

        for (StreamsApp replica : List.of(first, second)) {
          Map<String, JsonNode> served =
              awaitAllRight(replica, patients, expected, Duration.ofSeconds(180));
          String self = "127.0.0.1:" + replica.httpPort();
          assertTrue(
              served.values().stream().anyMatch(s -> s.path("by").asText().equals(self)),
              "answered locally at least once: " + served);
          assertTrue(
              served.values().stream().anyMatch(s -> !s.path("by").asText().equals(self)),
              "forwarded to the other replica at least once: " + served);
          assertTrue(
              served.values().stream().allMatch(s -> s.path("copy").asText().equals("active")),
              "both running: active copies answer: " + served);
        }
        assertListIsComplete(first, expected);
        assertBadParameter(first);

        second.close();
        Set<String> copies = new HashSet<>();
        // Right throughout, from a standby while the stopped replica still owns its partitions or
        // from the survivor's active copy once the group has rebalanced. Which of the two answers
        // first is a race (a dynamic member leaves the group as it closes), so neither is required
        // here; a static member would hold its partitions for the session timeout.
        awaitAllRight(first, patients, expected, Duration.ofSeconds(120), copies);
        assertTrue(!copies.isEmpty(), "the survivor answered");
        // After the group has rebalanced, the survivor owns everything.
        String self = "127.0.0.1:" + first.httpPort();
        Await.until(
            "the survivor answers every patient from its active copy",
            Duration.ofSeconds(120),
            () ->
                allRight(first, patients, expected, new HashSet<>(), new ArrayList<>())
                    .map(
                        served ->
                            served.values().stream()
                                .allMatch(
                                    s ->
                                        s.path("by").asText().equals(self)
                                            && s.path("copy").asText().equals("active")))
                    .orElse(false));
        assertListIsComplete(first, expected);
      } finally {
        second.close();
        first.close();
      }
    }
  }

  // ---- the topology as configured, two replicas

  private AppConfig config(EmbeddedKafka kafka, EmbeddedRegistry registry) throws IOException {
    String yaml =
        Files.readString(ProjectRoot.path().resolve("topologies.yaml"), StandardCharsets.UTF_8);
    AppConfig loaded =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "topologies.yaml");
    Map<String, String> properties = new HashMap<>(loaded.kafka().properties());
    // One standby per task, so that the survivor holds a copy of what the other replica owned.
    properties.put("num.standby.replicas", "1");
    // A closed replica stays in the group until its session times out (it does not leave on
    // close): shorter than the default 45 s, so the test does not wait for nothing.
    properties.put("session.timeout.ms", "10000");
    properties.put("heartbeat.interval.ms", "2000");
    return loaded
        .withKafka(new KafkaSettings(kafka.bootstrapServers(), registry.url(), properties))
        .withApp(loaded.app().withReplicationFactor(1));
  }

  private AppConfig replica(AppConfig config, String name) {
    return config.withApp(
        config
            .app()
            .withStateDir(dir.resolve("state-" + name))
            .withHttpPort(0)
            .withQuery(new QuerySettings(Optional.of("127.0.0.1"), 10_000)));
  }

  // Several partitions per input, so that each replica owns some patients.
  private static void createTopics(EmbeddedKafka kafka, AppConfig config) {
    try (Admin admin = kafka.admin()) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
          .ensure(
              TopicPlan.external(Topologies.forInspection(config, List.of(TOPOLOGY)), 4, (short) 1)
                  .values());
    }
  }

  private static void feed(String bootstrap, AppConfig config) {
    TopologyConfig<?> topics = config.topology(TOPOLOGY).orElseThrow();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      NdjsonReplayer replayer = new NdjsonReplayer(producer);
      replayer.replay(
          List.of(SAMPLE.resolve("Patient.ndjson.gz")), topics.topic("patients"), 0, null);
      replayer.replay(
          List.of(SAMPLE.resolve("Medication.ndjson.gz")), topics.topic("medications"), 0, null);
      replayer.replay(
          List.of(SAMPLE.resolve("MedicationRequest.ndjson.gz")),
          topics.topic("medication-requests"),
          0,
          null);
    }
  }

  private static void awaitRunning(StreamsApp... replicas) throws Exception {
    Await.until(
        "both replicas RUNNING",
        Duration.ofSeconds(120),
        () -> {
          for (StreamsApp replica : replicas) {
            if (replica.topologies().get(0).state() != KafkaStreams.State.RUNNING) {
              return false;
            }
          }
          return true;
        });
  }

  // ---- what the replicas answer

  private static Map<String, JsonNode> awaitAllRight(
      StreamsApp replica, Set<String> patients, Map<String, Set<String>> expected, Duration timeout)
      throws Exception {
    return awaitAllRight(replica, patients, expected, timeout, new HashSet<>());
  }

  /**
   * Asks about every patient until every answer is right (a 503 while rebalancing is asked again);
   * returns each patient's served block and collects the copies seen.
   */
  private static Map<String, JsonNode> awaitAllRight(
      StreamsApp replica,
      Set<String> patients,
      Map<String, Set<String>> expected,
      Duration timeout,
      Set<String> copies)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    List<Map<String, JsonNode>> result = new ArrayList<>();
    try {
      Await.until(
          "every patient's active medications right from port " + replica.httpPort(),
          timeout,
          () -> {
            allRight(replica, patients, expected, copies, wrong).ifPresent(result::add);
            return !result.isEmpty();
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last wrong answers: " + wrong, e);
    }
    return result.get(0);
  }

  /** One pass over every patient: each one's served block when all answers are right. */
  private static Optional<Map<String, JsonNode>> allRight(
      StreamsApp replica,
      Set<String> patients,
      Map<String, Set<String>> expected,
      Set<String> copies,
      List<String> wrong)
      throws Exception {
    Map<String, JsonNode> served = new LinkedHashMap<>();
    wrong.clear();
    for (String patient : patients) {
      HttpResponse<String> response =
          get(replica, "/medication-interaction/patients/" + patient + "/active-medications");
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() == 503) {
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        wrong.add(patient + ": 503");
        continue;
      }
      Set<String> want = expected.get(patient);
      boolean right =
          want == null
              ? response.statusCode() == 404 && body.path("error").asText().equals("not found")
              : response.statusCode() == 200 && want.equals(requestIds(body.path("value")));
      if (right) {
        served.put(patient, body.path("served"));
        copies.add(body.path("served").path("copy").asText());
      } else {
        wrong.add(patient + ": " + response.statusCode());
      }
    }
    return wrong.isEmpty() ? Optional.of(served) : Optional.empty();
  }

  private static void assertListIsComplete(StreamsApp replica, Map<String, Set<String>> expected)
      throws Exception {
    Await.until(
        "the paged list holds every patient with active medications",
        Duration.ofSeconds(60),
        () -> {
          Map<String, Set<String>> listed = new HashMap<>();
          String cursor = null;
          int pages = 0;
          do {
            HttpResponse<String> response =
                get(
                    replica,
                    "/medication-interaction/active-medications?limit=4"
                        + (cursor == null ? "" : "&cursor=" + cursor));
            if (response.statusCode() != 200) {
              return false;
            }
            JsonNode body = JSON.readTree(response.body());
            for (JsonNode item : body.path("items")) {
              listed.put(item.path("key").asText(), requestIds(item.path("value")));
            }
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            pages++;
          } while (cursor != null);
          return listed.equals(expected) && pages == (expected.size() + 3) / 4;
        });
  }

  private static void assertBadParameter(StreamsApp replica) throws Exception {
    HttpResponse<String> response =
        get(replica, "/medication-interaction/active-medications?limit=abc");
    assertEquals(400, response.statusCode(), response.body());
    assertEquals("limit", JSON.readTree(response.body()).path("parameter").asText());
  }

  private static Set<String> requestIds(JsonNode activeMedicationList) {
    Set<String> ids = new TreeSet<>();
    activeMedicationList.path("requests").forEach(r -> ids.add(r.path("requestId").asText()));
    return ids;
  }

  private static HttpResponse<String> get(StreamsApp replica, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.httpPort() + path))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ---- the expectation, from the raw sample, sharing no code with the topology

  /**
   * Patient id -> ids of the requests whose latest version is active or on-hold and whose drug is
   * known (a coded concept, a coded contained Medication, or a referenced Medication in the
   * sample).
   */
  private static Map<String, Set<String>> expectedActiveRequests() throws IOException {
    Set<String> codedMedications = new HashSet<>();
    for (JsonNode medication : lines(SAMPLE.resolve("Medication.ndjson.gz"))) {
      if (hasCode(medication.path("code"))) {
        codedMedications.add(medication.path("id").asText());
      }
    }
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    for (JsonNode request : lines(SAMPLE.resolve("MedicationRequest.ndjson.gz"))) {
      latest.put(request.path("id").asText(), request);
    }
    Map<String, Set<String>> active = new HashMap<>();
    for (JsonNode request : latest.values()) {
      if (ACTIVE.contains(request.path("status").asText())
          && drugKnown(request, codedMedications)) {
        String patient = request.path("subject").path("reference").asText().replace("Patient/", "");
        active.computeIfAbsent(patient, p -> new TreeSet<>()).add(request.path("id").asText());
      }
    }
    return active;
  }

  private static boolean drugKnown(JsonNode request, Set<String> codedMedications) {
    if (request.has("medicationCodeableConcept")) {
      return hasCode(request.path("medicationCodeableConcept"));
    }
    String reference = request.path("medicationReference").path("reference").asText();
    if (reference.startsWith("#")) {
      for (JsonNode contained : request.path("contained")) {
        if (reference.equals("#" + contained.path("id").asText())) {
          return hasCode(contained.path("code"));
        }
      }
      return false;
    }
    return codedMedications.contains(reference.substring(reference.lastIndexOf('/') + 1));
  }

  private static boolean hasCode(JsonNode concept) {
    for (JsonNode coding : concept.path("coding")) {
      if (!coding.path("code").asText().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> patientIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    lines(SAMPLE.resolve("Patient.ndjson.gz")).forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }

  private static List<JsonNode> lines(Path gzip) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }
  }
}
