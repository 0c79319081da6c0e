package dev.healthstreams.runtime.metrics;

import static dev.healthstreams.testkit.PrometheusScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The interceptor as Kafka installs it: Streams properties through StreamsConfig's producer configs
 * and ProducerConfig's interceptor instantiation, then acknowledgements of records stamped a known
 * time ago, read back from the Prometheus scrape.
 */
class OutputLatencyInterceptorTest {
  /** What Kafka reports for a record without a timestamp. */
  private static final long NO_TIMESTAMP = -1;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private ProducerInterceptor<?, ?> interceptorAsKafkaBuildsIt(Properties streamsProps) {
    streamsProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    streamsProps.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    Map<String, Object> producerProps = new StreamsConfig(streamsProps).getProducerConfigs("c-1");
    producerProps.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArraySerializer");
    producerProps.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArraySerializer");
    List<ProducerInterceptor> interceptors =
        new ProducerConfig(producerProps)
            .getConfiguredInstances(
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                ProducerInterceptor.class,
                Map.of(ProducerConfig.CLIENT_ID_CONFIG, "c-1"));
    return interceptors.stream()
        .filter(OutputLatencyInterceptor.class::isInstance)
        .findFirst()
        .orElseThrow(() -> new AssertionError("not installed: " + interceptors));
  }

  private static RecordMetadata acknowledged(String topic, long timestamp) {
    return new RecordMetadata(new TopicPartition(topic, 0), 0, 0, timestamp, 1, 1);
  }

  private Properties installed(String... outputs) {
    Properties props = new Properties();
    OutputLatencyInterceptor.install(
        props, new EndToEndLatency(registry, "observation-alerting", List.of(outputs)));
    return props;
  }

  @Test
  void shouldTimeAnOutputFromItsTimestampToItsAcknowledgement() {
    ProducerInterceptor<?, ?> interceptor =
        interceptorAsKafkaBuildsIt(installed("clinical.alerts"));
    long stampedAgo = 1_500;
    long before = System.currentTimeMillis();
    interceptor.onAcknowledgement(acknowledged("clinical.alerts", before - stampedAgo), null);
    long elapsed = System.currentTimeMillis() - before;

    String scrape = registry.scrape();
    String[] series = {"topology=\"observation-alerting\"", "output=\"clinical.alerts\""};
    assertEquals(1, value(scrape, "healthstreams_end_to_end_latency_seconds_count", series));
    double seconds = value(scrape, "healthstreams_end_to_end_latency_seconds_sum", series);
    assertTrue(seconds >= stampedAgo / 1000.0, "at least the age of the record: " + seconds);
    assertTrue(
        seconds <= (stampedAgo + elapsed) / 1000.0, "at most its age at the end: " + seconds);
    assertEquals(0, bucket(scrape, series, "1.0"), "1.5 s is above the 1 s bucket");
    assertEquals(1, bucket(scrape, series, "2.5"), "and within the 2.5 s one");
  }

  @Test
  void shouldNotTimeChangelogsRepartitionsDeadLettersOrFailedWrites() {
    ProducerInterceptor<?, ?> interceptor =
        interceptorAsKafkaBuildsIt(installed("clinical.alerts"));
    long now = System.currentTimeMillis();
    interceptor.onAcknowledgement(acknowledged("app-alert-gate-changelog", now), null);
    interceptor.onAcknowledgement(
        acknowledged("healthstreams.observation-alerting.dlq", now), null);
    interceptor.onAcknowledgement(acknowledged("clinical.alerts", now), new RuntimeException());
    interceptor.onAcknowledgement(acknowledged("clinical.alerts", NO_TIMESTAMP), null);

    String scrape = registry.scrape();
    assertEquals(
        0,
        value(
            scrape, "healthstreams_end_to_end_latency_seconds_count", "output=\"clinical.alerts\""),
        "registered up front, so zero rather than absent");
    assertTrue(!scrape.contains("changelog") && !scrape.contains(".dlq"), scrape);
  }

  @Test
  void shouldCountARecordStampedAheadOfTheClockAsNoLatency() {
    ProducerInterceptor<?, ?> interceptor = interceptorAsKafkaBuildsIt(installed("out"));
    interceptor.onAcknowledgement(acknowledged("out", System.currentTimeMillis() + 60_000), null);

    String scrape = registry.scrape();
    assertEquals(
        1, value(scrape, "healthstreams_end_to_end_latency_seconds_count", "output=\"out\""));
    assertEquals(
        0, value(scrape, "healthstreams_end_to_end_latency_seconds_sum", "output=\"out\""));
  }

  @Test
  void shouldKeepTheInterceptorsTheUserConfigured() {
    Properties props = new Properties();
    props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, " com.example.Audit ,com.example.Trace");
    OutputLatencyInterceptor.install(props, new EndToEndLatency(registry, "t", List.of("out")));
    assertEquals(
        "com.example.Audit,com.example.Trace," + OutputLatencyInterceptor.class.getName(),
        props.get(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG)));
  }

  private static double bucket(String scrape, String[] series, String le) {
    return value(
        scrape,
        "healthstreams_end_to_end_latency_seconds_bucket",
        series[0],
        series[1],
        "le=\"" + le + "\"");
  }
}
