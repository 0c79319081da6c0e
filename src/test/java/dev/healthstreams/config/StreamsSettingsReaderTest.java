package dev.healthstreams.config;

import static dev.healthstreams.config.YamlFixtures.ALERTING_TOPICS;
import static dev.healthstreams.config.YamlFixtures.minimalWith;
import static dev.healthstreams.testkit.ConfigFixtures.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code streams:} block of a topology, read through the loader as a real file is. */
class StreamsSettingsReaderTest {
  private static final String STREAMS_PATH = "topologies.observation-alerting.streams.";
  private static final String CONSENT =
      "  consent-table:\n    topics: {consents: consent.events}\n";

  private static AppConfig load(String yaml, Map<String, String> environment) {
    return new ConfigLoader(TestAlertingSchema.schemas(), environment).load(yaml, "test.yaml");
  }

  private static String alertingWithStreams(String streamsLines) {
    return minimalWith(ALERTING_TOPICS + "    streams:\n" + streamsLines + CONSENT);
  }

  private static ConfigError onlyError(String yaml) {
    List<ConfigError> errors =
        assertThrows(ConfigException.class, () -> load(yaml, Map.of())).errors();
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  private static Map<String, String> streamsOf(AppConfig config, String topology) {
    return config.topology(topology).orElseThrow().streams();
  }

  @Test
  void shouldReadTheSettingsOfItsTopologyOnlyInFileOrder() {
    String yaml =
        alertingWithStreams(
            """
                  commit.interval.ms: 20
                  producer.linger.ms: 5
                  main.consumer.max.poll.records: 200
                  num.stream.threads: 2
            """);

    AppConfig config = load(yaml, Map.of());

    assertEquals(
        List.of(
            Map.entry("commit.interval.ms", "20"),
            Map.entry("producer.linger.ms", "5"),
            Map.entry("main.consumer.max.poll.records", "200"),
            Map.entry("num.stream.threads", "2")),
        List.copyOf(streamsOf(config, "observation-alerting").entrySet()));
    assertEquals(Map.of(), streamsOf(config, "consent-table"));
  }

  @Test
  void shouldHaveNoSettingsWithoutTheBlock() {
    AppConfig config = load(minimalWith(ALERTING_TOPICS), Map.of());

    assertEquals(Map.of(), streamsOf(config, "observation-alerting"));
  }

  @Test
  void shouldSubstituteTheEnvironmentAndPassConfigProviderReferencesThrough() {
    String yaml =
        alertingWithStreams(
            """
                  commit.interval.ms: ${COMMIT_MS:-100}
                  producer.ssl.key.password: ${file:/etc/kafka/ssl.properties:key}
            """);

    AppConfig config = load(yaml, Map.of("COMMIT_MS", "50"));

    assertEquals(
        Map.of(
            "commit.interval.ms", "50",
            "producer.ssl.key.password", "${file:/etc/kafka/ssl.properties:key}"),
        streamsOf(config, "observation-alerting"));
  }

  @Test
  void shouldRejectAKeyTheAppOwnsNamingTheAppSettingToUse() {
    String yaml = alertingWithStreams("      state.dir: /tmp/elsewhere\n");

    ConfigError error = onlyError(yaml);

    assertEquals(STREAMS_PATH + "state.dir", error.path());
    assertEquals(lineOf(yaml, "state.dir"), error.line());
    assertTrue(error.message().contains("app.state-dir"), error.message());
  }

  @Test
  void shouldRejectAnOwnedKeyUnderAClientPrefixToo() {
    String yaml = alertingWithStreams("      main.consumer.group.instance.id: replica-1\n");

    ConfigError error = onlyError(yaml);

    assertEquals(STREAMS_PATH + "main.consumer.group.instance.id", error.path());
    assertTrue(error.message().contains("app.instance-id"), error.message());
  }

  @Test
  void shouldRejectEachOwnedKeyTheBriefNames() {
    List<String> owned =
        List.of(
            "application.id",
            "state.dir",
            "processing.guarantee",
            "bootstrap.servers",
            "default.deserialization.exception.handler",
            "deserialization.exception.handler",
            "processing.exception.handler",
            "production.exception.handler",
            "application.server",
            "num.standby.replicas",
            "group.instance.id",
            // Read only when a topology is built, which the app does without them.
            "topology.optimization",
            "default.dsl.store",
            "dsl.store.suppliers.class",
            "dsl.store.format",
            "processor.wrapper.class");
    StringBuilder lines = new StringBuilder();
    owned.forEach(key -> lines.append("      ").append(key).append(": x\n"));

    List<ConfigError> errors =
        assertThrows(
                ConfigException.class, () -> load(alertingWithStreams(lines.toString()), Map.of()))
            .errors();

    assertEquals(
        owned.stream().map(key -> STREAMS_PATH + key).toList(),
        errors.stream().map(ConfigError::path).toList());
    errors.forEach(
        error -> assertTrue(error.message().contains("set by the app"), error::toString));
  }

  @Test
  void shouldRejectAKeyKafkaDoesNotKnow() {
    String yaml = alertingWithStreams("      commit.intervall.ms: 20\n");

    ConfigError error = onlyError(yaml);

    assertEquals(STREAMS_PATH + "commit.intervall.ms", error.path());
    assertEquals(lineOf(yaml, "commit.intervall.ms"), error.line());
    assertTrue(
        error.message().contains("not a Kafka Streams or Kafka client setting"), error::toString);
  }

  @Test
  void shouldRejectAClientSettingUnderTheWrongClientsPrefix() {
    // max.poll.records is a consumer setting; no producer has it.
    String yaml = alertingWithStreams("      producer.max.poll.records: 20\n");

    ConfigError error = onlyError(yaml);

    assertEquals(STREAMS_PATH + "producer.max.poll.records", error.path());
  }

  @Test
  void shouldRejectAValueOfTheWrongTypeWithItsLine() {
    String yaml = alertingWithStreams("      commit.interval.ms: soon\n");

    ConfigError error = onlyError(yaml);

    assertEquals(STREAMS_PATH + "commit.interval.ms", error.path());
    assertEquals(lineOf(yaml, "commit.interval.ms"), error.line());
    assertTrue(error.message().contains("soon"), error::toString);
  }

  @Test
  void shouldRejectAValueOutsideKafkasRange() {
    // Kafka's definition of commit.interval.ms: a long, at least 0.
    ConfigError error = onlyError(alertingWithStreams("      commit.interval.ms: -1\n"));

    assertEquals(STREAMS_PATH + "commit.interval.ms", error.path());
    assertTrue(error.message().contains("at least 0"), error::toString);
  }

  @Test
  void shouldRejectAValueOutsideKafkasAllowedValues() {
    ConfigError error = onlyError(alertingWithStreams("      producer.acks: some\n"));

    assertEquals(STREAMS_PATH + "producer.acks", error.path());
  }

  @Test
  void shouldRejectAKeyWithNoValue() {
    ConfigError error = onlyError(alertingWithStreams("      commit.interval.ms:\n"));

    assertEquals(STREAMS_PATH + "commit.interval.ms", error.path());
    assertEquals("has no value", error.message());
  }

  @Test
  void shouldRejectABlockThatIsNoMapping() {
    String yaml = minimalWith(ALERTING_TOPICS + "    streams: fast\n");

    ConfigError error = onlyError(yaml);

    assertEquals("topologies.observation-alerting.streams", error.path());
    assertTrue(error.message().contains("expected a mapping"), error::toString);
  }

  @Test
  void shouldReportEveryProblemOfTheBlockAtOnce() {
    String yaml =
        alertingWithStreams(
            """
                  application.id: mine
                  commit.interval.ms: soon
                  no.such.setting: 1
                  producer.linger.ms: 5
            """);

    List<ConfigError> errors =
        assertThrows(ConfigException.class, () -> load(yaml, Map.of())).errors();

    assertEquals(
        List.of(
            STREAMS_PATH + "application.id",
            STREAMS_PATH + "commit.interval.ms",
            STREAMS_PATH + "no.such.setting"),
        errors.stream().map(ConfigError::path).toList());
    assertFalse(errors.toString().contains("linger"), errors::toString);
  }

  @Test
  void shouldLetASettingsTestCopyABlockWithStreams() {
    TestAlertingSchema.Settings settings =
        ConfigLoader.readSettings(
            "streams: {commit.interval.ms: 20}\nenabled: false\n",
            TestAlertingSchema.reader(),
            Map.of());

    assertFalse(settings.enabled());
  }
}
