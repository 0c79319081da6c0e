package dev.healthstreams.topology.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.healthstreams.runtime.SampleProducer;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * canonical-sync on a real broker and registry, with the repository's topologies.yaml and the
 * bundled samples: the EHR patients, then the pharmacy prescriptions derived from them (nicknames,
 * swapped names, missing MRNs). Every pharmacy patient ends up with its EHR patient's golden
 * patient, as the sources query answers, through the single-partition identity stage.
 */
class CanonicalSyncIT {
  private static final Path SAMPLE = ProjectRoot.path().resolve("src/main/resources/sample");
  private static final String TOPOLOGY = "canonical-sync";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void shouldLinkEveryPharmacyPatientOfTheSampleToItsEhrPatient() throws Exception {
    // The sample was derived patient by patient: the i-th EHR Patient is pharmacy patient ph-i.
    Map<String, String> pharmacyToEhr = new LinkedHashMap<>();
    List<String> ehrIds = ehrIds();
    for (int i = 0; i < ehrIds.size(); i++) {
      pharmacyToEhr.put(String.format("ph-%03d", i), ehrIds.get(i));
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedRegistry registry =
            EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(90))) {
      AppConfig config = config(kafka, registry);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
            .ensure(
                TopicPlan.external(
                        Topologies.forInspection(config, List.of(TOPOLOGY)), 3, (short) 1)
                    .values());
      }
      StreamsApp app = StreamsApp.start(config, List.of(TOPOLOGY));
      try {
        Await.until(
            "RUNNING",
            Duration.ofSeconds(90),
            () -> app.topologies().get(0).state() == KafkaStreams.State.RUNNING);
        feed(kafka.bootstrapServers(), config);
        for (Map.Entry<String, String> pair : pharmacyToEhr.entrySet()) {
          Await.until(
              pair.getKey() + " linked with ehr/" + pair.getValue(),
              Duration.ofSeconds(60),
              () -> {
                Optional<String> pharmacy = golden(app, "pharmacy/" + pair.getKey());
                return pharmacy.isPresent()
                    && pharmacy.equals(golden(app, "ehr/" + pair.getValue()));
              });
        }
        String golden = golden(app, "pharmacy/ph-000").orElseThrow();
        JsonNode patient = get(app, "/sync/patients/" + golden).orElseThrow();
        assertEquals(2, patient.path("value").path("sources").size(), patient.toString());
        shouldCarryTheReconciliationStateOfTheGoldenPatient(app, config, kafka, golden);
      } finally {
        app.close();
      }
    }
  }

  /**
   * Two of the three patient targets acknowledge the version the answer shows: its reconciliation
   * state (from the reconciliation stage's store, partitioned by entity) joins the golden record.
   */
  private void shouldCarryTheReconciliationStateOfTheGoldenPatient(
      StreamsApp app, AppConfig config, EmbeddedKafka kafka, String golden) throws Exception {
    String path = "/sync/patients/" + golden;
    Await.until(
        "published, not yet acknowledged",
        Duration.ofSeconds(60),
        () -> List.of("pending", "pending", "pending").equals(targetStates(app, path)));
    List<String> acks =
        config
            .topology(TOPOLOGY)
            .orElseThrow()
            .topics(CanonicalSyncTopology.ACKNOWLEDGEMENTS.name());
    // The golden record may still move to a newer version while the sample's later records are
    // read (one CI run timed out acknowledging a version already superseded): each version it
    // shows is acknowledged, and the wait ends once the version shown is the one applied.
    Set<Long> acknowledged = new LinkedHashSet<>();
    List<String> lastStates = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      try {
        Await.until(
            "ehr and pharmacy applied, portal pending",
            Duration.ofSeconds(60),
            () -> {
              long shown = get(app, path).orElseThrow().path("value").path("version").asLong();
              if (acknowledged.add(shown)) {
                for (String topic : acks.subList(0, 2)) { // ehr, pharmacy; portal never acks
                  byte[] ack =
                      SyncFixtures.ack("patient", golden, shown, "2024-05-01T08:00:00Z", "success")
                          .toString()
                          .getBytes(StandardCharsets.UTF_8);
                  producer.send(new ProducerRecord<>(topic, "patient/" + golden, ack)).get();
                }
              }
              lastStates.clear();
              lastStates.addAll(targetStates(app, path));
              return List.of("applied", "applied", "pending").equals(lastStates);
            });
      } catch (AssertionError timedOut) {
        throw new AssertionError(
            timedOut.getMessage()
                + ": versions acknowledged "
                + acknowledged
                + ", target states last "
                + lastStates,
            timedOut);
      }
    }
    long version = List.copyOf(acknowledged).get(acknowledged.size() - 1);
    JsonNode answer = get(app, path).orElseThrow();
    JsonNode reconciliation = answer.path("value").path("reconciliation");
    assertEquals(version, reconciliation.path("version").asLong(), reconciliation.toString());
    assertEquals("PENDING", reconciliation.path("status").asText());
    assertEquals(List.of("ehr", "pharmacy", "portal"), reconciliation.findValuesAsText("target"));
    assertEquals(
        answer.path("served").path("by").asText(),
        answer.path("served").path("includes").path("reconciliation").path("by").asText(),
        "one replica: read here");
  }

  /** The state of each target in the golden patient's answer, empty while there is none. */
  private static List<String> targetStates(StreamsApp app, String path) throws Exception {
    List<String> states = new java.util.ArrayList<>();
    get(app, path)
        .ifPresent(
            answer ->
                answer
                    .path("value")
                    .path("reconciliation")
                    .path("targets")
                    .forEach(t -> states.add(t.path("state").asText())));
    return states;
  }

  private static List<String> ehrIds() throws IOException {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SAMPLE.resolve("Patient.ndjson.gz"))),
                StandardCharsets.UTF_8))) {
      return lines.lines().map(l -> readTree(l).path("id").asText()).toList();
    }
  }

  private static JsonNode readTree(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<String> golden(StreamsApp app, String source) throws Exception {
    return get(app, "/sync/sources/" + source)
        .map(answer -> answer.path("value").path("goldenId").asText(null));
  }

  private static Optional<JsonNode> get(StreamsApp app, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? Optional.of(JSON.readTree(response.body()))
        : Optional.empty();
  }

  private AppConfig config(EmbeddedKafka kafka, EmbeddedRegistry registry) throws IOException {
    String yaml =
        Files.readString(ProjectRoot.path().resolve("topologies.yaml"), StandardCharsets.UTF_8);
    AppConfig loaded =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "topologies.yaml");
    Map<String, String> properties = new HashMap<>(loaded.kafka().properties());
    return loaded
        .withKafka(new KafkaSettings(kafka.bootstrapServers(), registry.url(), properties))
        .withApp(
            loaded
                .app()
                .withReplicationFactor(1)
                .withStateDir(dir.resolve("state"))
                .withHttpPort(0)
                .withQuery(new QuerySettings(Optional.of("127.0.0.1"), 10_000)));
  }

  /** The samples as `demo` produces them: each keyed as its role says (pharmacy by rxId). */
  private static void feed(String bootstrap, AppConfig config) {
    TopologyConfig<?> topics = config.topology(TOPOLOGY).orElseThrow();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      SampleProducer samples = new SampleProducer(producer, null);
      samples.produce(
          CanonicalSyncTopology.EHR_PATIENTS,
          topics.topic(CanonicalSyncTopology.EHR_PATIENTS.name()),
          SAMPLE.resolve("Patient.ndjson.gz"));
      samples.produce(
          CanonicalSyncTopology.PRESCRIPTIONS_IN,
          topics.topic(CanonicalSyncTopology.PRESCRIPTIONS_IN.name()),
          SAMPLE.resolve("PharmacyPrescription.ndjson.gz"));
    }
  }
}
