package dev.healthstreams.topology.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.ProjectRoot;
import dev.healthstreams.avro.PatientConsentEvent;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.config.KafkaSettings;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopologyRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * consent-table as configured in topologies.yaml (its example gate on clinical.alerts) on the
 * embedded broker and registry: a grant arrives, then two alerts; the granted patient's goes to the
 * partner unchanged, the other's is withheld with its reason; an HTTP decision is answered and
 * audited; the audit topic holds one AuditEvent per decision.
 */
class ConsentTableIT {
  private static final String TOPOLOGY = ConsentTableTopology.NAME;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void gatesAlertsByConsentAndAuditsEveryDecision() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedRegistry registry =
            EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(90))) {
      AppConfig config = config(kafka, registry);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
            .ensure(
                TopicPlan.external(
                        Topologies.forInspection(config, List.of(TOPOLOGY)), 2, (short) 1)
                    .values());
      }
      try (StreamsApp app = StreamsApp.start(config, List.of(TOPOLOGY))) {
        Await.until(
            "consent-table RUNNING",
            Duration.ofSeconds(60),
            () -> app.topologies().get(0).streams().state() == KafkaStreams.State.RUNNING);
        Instant now = Instant.now();
        AvroSerdes avro = new AvroSerdes(SchemaRegistries.connect(registry.url(), Map.of()));
        try (KafkaProducer<String, PatientConsentEvent> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                avro.specific(PatientConsentEvent.class).serializer())) {
          PatientConsentEvent grant =
              ConsentEvents.grant(
                  "c1",
                  "p1",
                  "partner-hospital",
                  "TREAT",
                  now.minusSeconds(3600).toEpochMilli(),
                  null);
          grant.getPayload().setDataCategories(List.of("clinical-alerts"));
          producer
              .send(
                  new ProducerRecord<>(
                      "patient.consent", null, now.minusSeconds(60).toEpochMilli(), "p1", grant))
              .get();
        }
        int port = app.httpPort();
        Await.until(
            "the grant is in the table",
            Duration.ofSeconds(30),
            () -> get(port, "/consent/patients/p1").statusCode() == 200);

        try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
          producer.send(new ProducerRecord<>("clinical.alerts", "p1", bytes("alert-for-p1"))).get();
          producer.send(new ProducerRecord<>("clinical.alerts", "p2", bytes("alert-for-p2"))).get();
        }
        List<ConsumerRecord<String, byte[]>> permitted =
            consume(kafka, "partner.clinical.alerts", 1);
        assertEquals("p1", permitted.get(0).key());
        assertEquals("alert-for-p1", new String(permitted.get(0).value(), StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> withheld =
            consume(kafka, "partner.clinical.alerts.withheld", 1);
        assertEquals("p2", withheld.get(0).key());
        assertEquals("alert-for-p2", new String(withheld.get(0).value(), StandardCharsets.UTF_8));
        Header reason = withheld.get(0).headers().lastHeader(ConsentGateProcessor.REASON_HEADER);
        assertEquals("NO_CONSENT_DEFAULT_DENY", new String(reason.value(), StandardCharsets.UTF_8));

        HttpResponse<String> decision =
            get(
                port,
                "/consent/patients/p1/decision?organization=partner-hospital&purpose=TREAT&category=clinical-alerts");
        assertEquals(200, decision.statusCode(), decision.body());
        JsonNode answer = JSON.readTree(decision.body());
        assertEquals("PERMIT", answer.path("value").path("decision").asText());
        assertEquals("c1", answer.path("value").path("decidingConsentId").asText());
        assertEquals("active", answer.path("served").path("copy").asText());

        List<String> audited = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> event :
            consume(kafka, "security.audit.consent-decisions", 3)) {
          JsonNode audit = JSON.readTree(event.value());
          audited.add(
              audit.path("entity").get(1).path("description").asText()
                  + " "
                  + audit.path("outcome").asText());
        }
        assertEquals(
            List.of("gate:alerts-to-partner 0", "gate:alerts-to-partner 8", "http 0"),
            audited.stream().sorted().toList());
      }
    }
  }

  private AppConfig config(EmbeddedKafka kafka, EmbeddedRegistry registry) throws Exception {
    String yaml =
        Files.readString(ProjectRoot.path().resolve("topologies.yaml"), StandardCharsets.UTF_8);
    AppConfig loaded =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "topologies.yaml");
    return loaded
        .withKafka(
            new KafkaSettings(
                kafka.bootstrapServers(), registry.url(), loaded.kafka().properties()))
        .withApp(
            loaded
                .app()
                .withReplicationFactor(1)
                .withStateDir(dir.resolve("state"))
                .withHttpPort(0)
                .withQuery(new QuerySettings(Optional.of("127.0.0.1"), 10_000)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<ConsumerRecord<String, byte[]>> consume(
      EmbeddedKafka kafka, String topic, int count) throws Exception {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "consent-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Await.until(
          count + " records on " + topic,
          Duration.ofSeconds(30),
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
          });
    }
    return records;
  }
}
