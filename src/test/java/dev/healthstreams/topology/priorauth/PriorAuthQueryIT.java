package dev.healthstreams.topology.priorauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthstreams.ProjectRoot;
import dev.healthstreams.avro.PriorAuthStatusChanged;
import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.config.KafkaSettings;
import dev.healthstreams.config.TopologyConfig;
import dev.healthstreams.runtime.EmbeddedKafka;
import dev.healthstreams.runtime.EmbeddedRegistry;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.TopicPlan;
import dev.healthstreams.runtime.TopicProvisioner;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.runtime.deadletter.DeadLetterHeaders;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.topology.TopicRole;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * Two replicas of prior-auth-projection (two StreamsApps in this JVM, one application id, own state
 * dirs and HTTP ports) on the embedded broker and registry: a key lookup to either replica answers
 * every PA (locally or forwarded), the list gathered from both holds every PA, filtered through the
 * secondary index, and the statistics count each PA once. Two unreadable values (not the Avro wire
 * format; framed with a schema id the registry does not know) go to the dead-letter topic, and the
 * events after them on their partition are still processed.
 */
class PriorAuthQueryIT {
  private static final String TOPOLOGY = PriorAuthTopology.NAME;
  private static final int PAS = 40;
  private static final String NOT_AVRO_REASON = "corrupt-avro";
  private static final String UNKNOWN_ID_REASON = "unknown-schema-id";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void shouldAnswerEveryPaFromEitherReplica() throws Exception {
    // Expected: pa-i is APPROVED when i is even, PENDED otherwise; payer by i % 3.
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < PAS; i++) {
      expected.put("pa-" + i, i % 2 == 0 ? "APPROVED" : "PENDED");
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        EmbeddedRegistry registry =
            EmbeddedRegistry.start(dir.resolve("registry"), Duration.ofSeconds(90))) {
      AppConfig config = config(kafka, registry);
      createTopics(kafka, config);
      StreamsApp first = StreamsApp.start(replica(config, "a"), List.of(TOPOLOGY));
      StreamsApp second = StreamsApp.start(replica(config, "b"), List.of(TOPOLOGY));
      try {
        awaitRunning(first, second);
        feed(kafka.bootstrapServers(), registry.url(), config);

        for (StreamsApp replica : List.of(first, second)) {
          Await.until(
              "every PA's view from port " + replica.httpPort(),
              Duration.ofSeconds(60),
              () -> statuses(replica).equals(expected));
          assertEquals(expected, listed(replica, ""));
        }
        Map<String, String> payerB = new TreeMap<>();
        expected.forEach(
            (id, status) -> {
              if (Integer.parseInt(id.substring(3)) % 3 == 1) {
                payerB.put(id, status);
              }
            });
        assertEquals(payerB, listed(first, "&payer=payer-1"));
        assertEquals(PAS, statsTotal(second));
        // pa-0's events were sent after the bad records on their partition, and it is answered.
        assertEquals(
            Map.of(NOT_AVRO_REASON, 1L, UNKNOWN_ID_REASON, 1L),
            deadLetterReasons(kafka.bootstrapServers(), config));
        HttpResponse<String> bad = get(first, "/prior-auth?status=SENT");
        assertEquals(400, bad.statusCode(), bad.body());
      } finally {
        second.close();
        first.close();
      }
    }
  }

  private AppConfig config(EmbeddedKafka kafka, EmbeddedRegistry registry) throws Exception {
    String yaml =
        Files.readString(ProjectRoot.path().resolve("topologies.yaml"), StandardCharsets.UTF_8);
    AppConfig loaded =
        new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(yaml, "topologies.yaml");
    Map<String, String> properties = new HashMap<>(loaded.kafka().properties());
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

  // Several partitions, so that each replica owns some PAs.
  private static void createTopics(EmbeddedKafka kafka, AppConfig config) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new TopicProvisioner(admin, kafka.bootstrapServers(), Duration.ofSeconds(30))
          .ensure(
              TopicPlan.external(Topologies.forInspection(config, List.of(TOPOLOGY)), 4, (short) 1)
                  .values());
    }
  }

  private static void feed(String bootstrap, String registryUrl, AppConfig config) {
    TopologyConfig<?> topics = config.topology(TOPOLOGY).orElseThrow();
    String topic = topics.topic(PriorAuthTopology.STATUS_EVENTS.name());
    sendUnreadable(bootstrap, topic);
    AvroSerdes avro = new AvroSerdes(SchemaRegistries.connect(registryUrl, Map.of()));
    // Stamped now: no clock is due and nothing is past retention during the test.
    long now = Instant.now().toEpochMilli() - PaEvents.T0.toEpochMilli();
    try (KafkaProducer<String, PriorAuthStatusChanged> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            avro.specific(PriorAuthStatusChanged.class).serializer())) {
      for (int i = 0; i < PAS; i++) {
        String id = "pa-" + i;
        String payer = "payer-" + (i % 3);
        send(producer, topic, PaEvents.of(id, id + "-1", "SUBMITTED", now).payer(payer).build());
        String next = i % 2 == 0 ? "APPROVED" : "PENDED";
        send(producer, topic, PaEvents.of(id, id + "-2", next, now + 1000).payer(payer).build());
      }
      producer.flush();
    }
  }

  /** Keyed like pa-0, so they sit on its partition before its events. */
  private static void sendUnreadable(String bootstrap, String topic) {
    byte[] notAvro = "{\"priorAuthId\":\"pa-0\"}".getBytes(StandardCharsets.UTF_8);
    // Magic byte 0, then schema id 2147483647 (big-endian), which the fresh registry never gave.
    byte[] unknownId = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2, 'x'};
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "pa-0", notAvro));
      producer.send(new ProducerRecord<>(topic, "pa-0", unknownId));
      producer.flush();
    }
  }

  /** The dead-letter topic's records counted by reason, once it holds two. */
  private static Map<String, Long> deadLetterReasons(String bootstrap, AppConfig config)
      throws Exception {
    String topic = config.topology(TOPOLOGY).orElseThrow().topic(TopicRole.deadLetter().name());
    Map<String, Long> reasons = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "prior-auth-it-dead-letters",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Await.until(
          "two dead letters on " + topic,
          Duration.ofSeconds(30),
          () -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
              Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
              String name =
                  reason == null ? "none" : new String(reason.value(), StandardCharsets.UTF_8);
              reasons.merge(name, 1L, Long::sum);
            }
            return reasons.values().stream().mapToLong(Long::longValue).sum() >= 2;
          });
      // Nothing more: a good event dead-lettered too would show here.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> reasons.merge("extra", 1L, Long::sum));
    }
    return reasons;
  }

  private static void send(
      KafkaProducer<String, PriorAuthStatusChanged> producer,
      String topic,
      PriorAuthStatusChanged event) {
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            event.getMetadata().getTimestamp(),
            event.getPayload().getPriorAuthId(),
            event));
  }

  private static void awaitRunning(StreamsApp... replicas) throws Exception {
    Await.until(
        "both replicas RUNNING",
        Duration.ofSeconds(60),
        () -> {
          for (StreamsApp replica : replicas) {
            if (replica.topologies().get(0).state() != KafkaStreams.State.RUNNING) {
              return false;
            }
          }
          return true;
        });
  }

  /** Every PA's status by key lookup; a PA not (yet) answered is left out. */
  private static Map<String, String> statuses(StreamsApp replica) throws Exception {
    Map<String, String> statuses = new TreeMap<>();
    for (int i = 0; i < PAS; i++) {
      HttpResponse<String> response = get(replica, "/prior-auth/pa-" + i);
      if (response.statusCode() == 200) {
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.path("served").has("by"), "an answer states who served it");
        statuses.put("pa-" + i, body.path("value").path("status").asText());
      }
    }
    return statuses;
  }

  /** The paged list, 7 at a time. */
  private static Map<String, String> listed(StreamsApp replica, String filter) throws Exception {
    Map<String, String> listed = new TreeMap<>();
    String cursor = null;
    do {
      HttpResponse<String> response =
          get(
              replica,
              "/prior-auth?limit=7" + filter + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, response.statusCode(), response.body());
      JsonNode body = JSON.readTree(response.body());
      for (JsonNode item : body.path("items")) {
        listed.put(item.path("key").asText(), item.path("value").path("status").asText());
      }
      cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
    } while (cursor != null);
    return listed;
  }

  private static long statsTotal(StreamsApp replica) throws Exception {
    long[] total = new long[1];
    Await.until(
        "the statistics count every PA once",
        Duration.ofSeconds(30),
        () -> {
          HttpResponse<String> response = get(replica, "/prior-auth/stats");
          if (response.statusCode() != 200) {
            return false;
          }
          total[0] = 0;
          JSON.readTree(response.body())
              .path("items")
              .forEach(item -> total[0] += item.path("value").path("priorAuths").asLong());
          return total[0] == PAS;
        });
    return total[0];
  }

  private static HttpResponse<String> get(StreamsApp replica, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.httpPort() + path))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
