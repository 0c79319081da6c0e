package dev.healthstreams.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.monitoring.AlertRules;
import dev.healthstreams.monitoring.Dashboard;
import dev.healthstreams.monitoring.MetricsCoverage;
import dev.healthstreams.runtime.BuiltTopology;
import dev.healthstreams.runtime.SampleFiles;
import dev.healthstreams.runtime.SampleProducer;
import dev.healthstreams.runtime.StreamsApp;
import dev.healthstreams.runtime.Topologies;
import dev.healthstreams.serde.AvroSerdes;
import dev.healthstreams.serde.SchemaRegistries;
import dev.healthstreams.serde.SchemaRegistryClient;
import dev.healthstreams.testkit.Await;
import dev.healthstreams.testkit.PrometheusScrape;
import dev.healthstreams.topology.TopicRole;
import dev.healthstreams.topology.TopologyRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and the alert rules name only metrics the app exports. The app runs every shipped
 * topology on the embedded broker and registry, fed the bundled samples as {@code demo} feeds them,
 * plus one record that is not JSON (so that the dead-letter counter exists) and one query; its
 * /metrics is scraped until every metric named is there, or the test fails naming the missing ones.
 */
class MetricsCoverageIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void shouldExportEveryMetricTheDashboardAndTheAlertRulesName() throws Exception {
    List<String> exprs = new ArrayList<>(Dashboard.read(Dashboard.FILE).expressions());
    exprs.addAll(AlertRules.read(AlertRules.FILE).expressions());
    try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"))) {
      int port = Http.freePort();
      Path file = cluster.writeConfig(dir.resolve("topologies.yaml"), dir.resolve("state"), port);
      AppConfig config = TopologyRegistry.discover().loader(Map.of()).load(file);
      List<String> names = List.copyOf(config.topologies().keySet());
      cluster.createTopicsOfAll(file);
      try (StreamsApp app = StreamsApp.start(config, names);
          Producer<String, byte[]> producer = producer(cluster)) {
        feedSamples(config, Topologies.forInspection(config, names), producer);
        producer.send(
            new ProducerRecord<>(
                "fhir.observation", "bad-1", "not json".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        String base = "http://127.0.0.1:" + port;
        Http.get(base + "/prior-auth/stats"); // any answer counts, a 503 too

        Map<String, String> missing = new LinkedHashMap<>();
        try {
          Await.until(
              "every metric the dashboard and the alerts name on /metrics",
              TIMEOUT,
              () -> {
                String scrape = scrape(base + "/metrics");
                missing.clear();
                missing.putAll(
                    MetricsCoverage.missing(exprs, PrometheusScrape.sampleNames(scrape)));
                return missing.isEmpty();
              });
        } catch (AssertionError timedOut) {
          assertEquals(Map.of(), missing, "metrics named but not exported (metric=first expr)");
        }
        // By default Kafka's per-node metrics stay on JMX (KafkaMeterFilter).
        assertFalse(
            scrape(base + "/metrics").contains("kafka_stream_processor_node_"),
            "per-processor-node metrics exported although app.detailed-kafka-metrics is false");
      }
    }
  }

  /** A scrape is a few MB (Kafka's metrics of every task and partition): longer than Http's 5 s. */
  private static String scrape(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Producer<String, byte[]> producer(TestCluster cluster) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka.bootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** As demo feeds them: every table input first, then the streams, each topic once. */
  private void feedSamples(
      AppConfig config, List<BuiltTopology> shapes, Producer<String, byte[]> producer) {
    Map<String, TopicRole<?>> roleByTopic = SampleProducer.sampledInputs(shapes);
    try (SchemaRegistryClient registry =
        SchemaRegistries.connect(config.kafka().schemaRegistryUrl(), config.kafka().properties())) {
      SampleProducer samples = new SampleProducer(producer, new AvroSerdes(registry));
      roleByTopic.forEach(
          (topic, role) ->
              samples.produce(
                  role, topic, SampleFiles.extract(role.sample(), dir.resolve("sample"))));
    }
  }
}
