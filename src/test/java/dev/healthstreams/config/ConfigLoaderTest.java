package dev.healthstreams.config;

import static dev.healthstreams.config.YamlFixtures.ALERTING_TOPICS;
import static dev.healthstreams.config.YamlFixtures.minimalWith;
import static dev.healthstreams.testkit.ConfigFixtures.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthstreams.config.AppSettings.ProcessingGuarantee;
import dev.healthstreams.config.AppSettings.QuerySettings;
import dev.healthstreams.config.AppSettings.ReplicaSettings;
import dev.healthstreams.config.AppSettings.RocksDbSettings;
import dev.healthstreams.config.TestAlertingSchema.Comparator;
import dev.healthstreams.config.TestAlertingSchema.Rule;
import dev.healthstreams.config.TestAlertingSchema.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String FULL_CONFIG =
      """
      # A production-like file: env overrides, a config provider, two rules.
      kafka:
        bootstrap-servers: ${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}
        schema-registry-url: ${SCHEMA_REGISTRY_URL:-http://localhost:8081}
        properties:
          security.protocol: ${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}
          sasl.jaas.config: ${file:/etc/kafka/secrets.properties:jaas}
          client.dns.lookup: use_all_dns_ips
      app:
        application-id-prefix: healthstreams
        state-dir: ${HEALTHSTREAMS_STATE_DIR:-/var/lib/healthstreams}
        processing-guarantee: at-least-once
        http-port: ${HEALTHSTREAMS_HTTP_PORT:-8080}
        num-stream-threads: 4
        replication-factor: 3
        rocksdb:
          total-off-heap-mb: 512
          write-buffer-mb: 128
      topologies:
        observation-alerting:
          topics:
            observations: fhir.observation
            patients: fhir.patient
            alerts: clinical.alerts
            dead-letter: healthstreams.observation-alerting.dlq
          enabled: true
          rules:
            - id: heart-rate-high
              code: "8867-4"
              comparator: gt
              threshold: 120
              suppress-for: PT15M
            - id: spo2-low
              code: "59408-5"
              comparator: lt
              threshold: 90.5
          severity-topics:
            critical: [alerts.critical, alerts.pager]
        consent-table:
          topics: {consents: consent.events}
      """;

  private static ConfigLoader loader(Map<String, String> environment) {
    return new ConfigLoader(TestAlertingSchema.schemas(), environment);
  }

  private static List<ConfigError> errorsOf(String yaml) {
    return errorsOf(yaml, Map.of());
  }

  private static List<ConfigError> errorsOf(String yaml, Map<String, String> environment) {
    return assertThrows(ConfigException.class, () -> loader(environment).load(yaml, "test.yaml"))
        .errors();
  }

  private static ConfigError onlyError(String yaml) {
    List<ConfigError> errors = errorsOf(yaml);
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  @Test
  void shouldReadFullConfigWithDefaultsFromEnvironmentFallbacks() {
    AppConfig config = loader(Map.of()).load(FULL_CONFIG, "topologies.yaml");

    assertEquals(
        new KafkaSettings(
            "localhost:9092",
            "http://localhost:8081",
            Map.of(
                "security.protocol", "PLAINTEXT",
                "sasl.jaas.config", "${file:/etc/kafka/secrets.properties:jaas}",
                "client.dns.lookup", "use_all_dns_ips")),
        config.kafka());
    assertEquals(
        new AppSettings(
            "healthstreams",
            Path.of("/var/lib/healthstreams"),
            ProcessingGuarantee.AT_LEAST_ONCE,
            8080,
            4,
            3,
            AppSettings.DEFAULT_STARTUP_TIMEOUT,
            new RocksDbSettings(512L * 1024 * 1024, 128L * 1024 * 1024)),
        config.app());
    TopologyConfig<?> alerting = config.topology("observation-alerting").orElseThrow();
    assertEquals("observation-alerting", alerting.name());
    assertEquals(
        TopologyConfig.of(
            anySchema(alerting),
            Map.of(
                "observations", "fhir.observation",
                "patients", "fhir.patient",
                "alerts", "clinical.alerts",
                "dead-letter", "healthstreams.observation-alerting.dlq"),
            new Settings(
                true,
                List.of(
                    new Rule(
                        "heart-rate-high", "8867-4", Comparator.GT, 120, Duration.ofMinutes(15)),
                    new Rule("spo2-low", "59408-5", Comparator.LT, 90.5, Duration.ofMinutes(30))),
                Map.of("critical", List.of("alerts.critical", "alerts.pager")))),
        alerting);
    assertEquals(
        Map.of("consents", List.of("consent.events")),
        config.topology("consent-table").orElseThrow().topicsByRole());
  }

  @Test
  void shouldPreferEnvironmentOverDefaultsAndConvertAfterSubstitution() {
    Map<String, String> environment =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
            "HEALTHSTREAMS_HTTP_PORT", "9090",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL");

    AppConfig config = loader(environment).load(FULL_CONFIG, "topologies.yaml");

    assertEquals("broker-1:9093,broker-2:9093", config.kafka().bootstrapServers());
    assertEquals(9090, config.app().httpPort());
    assertEquals("SASL_SSL", config.kafka().properties().get("security.protocol"));
  }

  @Test
  void shouldApplyAppDefaultsAndAcceptEmptyTopologies() {
    AppConfig config = loader(Map.of()).load(minimalWith("  {}\n"), "test.yaml");

    assertEquals(
        new AppSettings(
            "healthstreams",
            Path.of("/tmp/hs-state"),
            ProcessingGuarantee.EXACTLY_ONCE_V2,
            8080,
            1,
            -1,
            Duration.ofSeconds(30),
            new RocksDbSettings(256L * 1024 * 1024, 64L * 1024 * 1024)),
        config.app());
    assertEquals(Map.of(), config.kafka().properties());
    assertTrue(config.topologies().isEmpty());
  }

  @Test
  void shouldSubstituteSeveralVariablesInOneScalar() {
    String yaml = minimalWith("").replace("localhost:9092", "${HOST:-kafka}:${PORT:-9092}");

    AppConfig config = loader(Map.of("PORT", "19092")).load(yaml, "test.yaml");

    assertEquals("kafka:19092", config.kafka().bootstrapServers());
  }

  @Test
  void shouldReportUnsetVariableWithoutDefaultAtItsPath() {
    String yaml = minimalWith("").replace("localhost:9092", "${KAFKA_BOOTSTRAP_SERVERS}");

    ConfigError error = onlyError(yaml);

    assertEquals(
        new ConfigError(
            "kafka.bootstrap-servers",
            lineOf(yaml, "bootstrap-servers"),
            "environment variable KAFKA_BOOTSTRAP_SERVERS is not set"),
        error);
  }

  @Test
  void shouldReportUnknownTopLevelKeyWithLineAndAllowedKeys() {
    String yaml = minimalWith("") + "extra: 1\n";

    assertEquals(
        new ConfigError(
            "extra", lineOf(yaml, "extra"), "unknown key (allowed: kafka, app, topologies)"),
        onlyError(yaml));
  }

  @Test
  void shouldReportUnknownKeyInsideListElement() {
    String yaml =
        minimalWith(
            ALERTING_TOPICS
                + """
                    rules:
                      - {id: a, code: c, comparator: gt, threshold: 1}
                      - id: b
                        code: c
                        comparator: gt
                        threshold: 1
                        treshold-typo: 2
                """);

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.rules[1].treshold-typo",
            lineOf(yaml, "treshold-typo"),
            "unknown key (allowed: id, code, comparator, threshold, suppress-for)"),
        onlyError(yaml));
  }

  @Test
  void shouldReportUnreadMappingOnceNotItsChildren() {
    String yaml = minimalWith(ALERTING_TOPICS + "    legacy:\n      a: 1\n      b: {c: 2}\n");

    ConfigError error = onlyError(yaml);

    assertEquals("topologies.observation-alerting.legacy", error.path());
    assertEquals(lineOf(yaml, "legacy"), error.line());
    assertTrue(
        error.message().startsWith("unknown key (allowed: topics, enabled, rules"),
        error.message());
  }

  @Test
  void shouldReportMissingRequiredKeyAtItsParentLine() {
    String yaml = minimalWith("").replace("  bootstrap-servers: localhost:9092\n", "");

    assertEquals(
        new ConfigError("kafka.bootstrap-servers", lineOf(yaml, "kafka:"), "is required"),
        onlyError(yaml));
  }

  @Test
  void shouldReportMissingTopLevelBlockOnceWithoutFollowUpErrors() {
    String yaml = minimalWith("").replace("app:\n  state-dir: /tmp/hs-state\n", "");

    assertEquals(new ConfigError("app", 1, "is required"), onlyError(yaml));
  }

  @Test
  void shouldListEnumValuesInOrderForBadComparator() {
    String yaml =
        minimalWith(
            ALERTING_TOPICS
                + "    rules:\n"
                + "      - {id: a, code: c, comparator: gt, threshold: 1}\n"
                + "      - {id: b, code: c, comparator: gt, threshold: 1}\n"
                + "      - {id: c, code: c, comparator: gte, threshold: 1}\n");

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.rules[2].comparator",
            lineOf(yaml, "gte"),
            "'gte' is not one of gt, ge, lt, le, eq, ne"),
        onlyError(yaml));
  }

  @Test
  void shouldRejectUnknownProcessingGuarantee() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  processing-guarantee: exactly_once\n");

    assertEquals(
        "'exactly_once' is not one of exactly_once_v2, at_least_once", onlyError(yaml).message());
  }

  @Test
  void shouldRejectDurationThatIsNotIso8601() {
    String yaml =
        minimalWith(
            ALERTING_TOPICS
                + "    rules:\n"
                + "      - {id: a, code: c, comparator: gt, threshold: 1, suppress-for: 30 minutes}\n");

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.rules[0].suppress-for",
            lineOf(yaml, "30 minutes"),
            "'30 minutes' is not an ISO-8601 duration (e.g. PT30M)"),
        onlyError(yaml));
  }

  @Test
  void shouldRejectThresholdThatIsNotANumber() {
    String yaml =
        minimalWith(
            ALERTING_TOPICS
                + "    rules:\n      - {id: a, code: c, comparator: gt, threshold: abc}\n");

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.rules[0].threshold",
            lineOf(yaml, "threshold: abc"),
            "'abc' is not a number"),
        onlyError(yaml));
  }

  @Test
  void shouldRejectPortOutOfRangeEvenWhenItComesFromEnvironment() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  http-port: ${PORT:-8080}\n");

    List<ConfigError> errors = errorsOf(yaml, Map.of("PORT", "70000"));

    assertEquals(
        List.of(
            new ConfigError(
                "app.http-port", lineOf(yaml, "http-port"), "must be between 0 and 65535")),
        errors);
  }

  @Test
  void shouldReadQuerySettingsAndDefaultThem() {
    String yaml =
        minimalWith("")
            .replace(
                "app:\n", "app:\n  advertised-host: replica-1.svc\n  query:\n    max-lag: 500\n");

    AppConfig config = loader(Map.of()).load(yaml, "test.yaml");

    assertEquals(new QuerySettings(Optional.of("replica-1.svc"), 500), config.app().query());
    assertEquals(
        new QuerySettings(Optional.empty(), 10_000),
        loader(Map.of()).load(minimalWith(""), "test.yaml").app().query());
  }

  @Test
  void shouldReportBadAdvertisedHostAndMaxLagWithPathAndLine() {
    String yaml =
        minimalWith("")
            .replace(
                "app:\n", "app:\n  advertised-host: http://host:8080\n  query:\n    max-lag: -1\n");

    assertEquals(
        List.of(
            new ConfigError(
                "app.advertised-host",
                lineOf(yaml, "advertised-host"),
                "'http://host:8080' is not a host name or IP address (a bracketed IPv6 literal)"),
            new ConfigError(
                "app.query.max-lag", lineOf(yaml, "max-lag"), "must be between 0 and 2147483647")),
        errorsOf(yaml));
  }

  @Test
  void shouldReadReplicaSettingsAndDefaultThem() {
    String yaml =
        minimalWith("")
            .replace(
                "app:\n",
                "app:\n  num-standby-replicas: 2\n  instance-id: ${HOSTNAME:-}\n"
                    + "  session-timeout: PT1M\n  shutdown-timeout: PT10S\n");

    assertEquals(
        new ReplicaSettings(
            2, Optional.of("healthstreams-1"), Duration.ofMinutes(1), Duration.ofSeconds(10)),
        loader(Map.of("HOSTNAME", "healthstreams-1")).load(yaml, "test.yaml").app().replicas());
    assertEquals(
        Optional.empty(),
        loader(Map.of()).load(yaml, "test.yaml").app().replicas().instanceId(),
        "no HOSTNAME: a dynamic member");
    assertEquals(
        new ReplicaSettings(1, Optional.empty(), Duration.ofSeconds(45), Duration.ofSeconds(30)),
        loader(Map.of()).load(minimalWith(""), "test.yaml").app().replicas());
  }

  @Test
  void shouldReportBadReplicaSettingsWithPathAndLine() {
    String yaml =
        minimalWith("")
            .replace(
                "app:\n",
                "app:\n  num-standby-replicas: -1\n  instance-id: pod 1\n"
                    + "  session-timeout: PT0S\n  shutdown-timeout: 30\n");

    List<ConfigError> errors = errorsOf(yaml);

    assertEquals(
        List.of(
            "app.num-standby-replicas",
            "app.instance-id",
            "app.session-timeout",
            "app.shutdown-timeout"),
        errors.stream().map(ConfigError::path).toList(),
        errors::toString);
    assertEquals(lineOf(yaml, "instance-id"), errors.get(1).line());
    assertEquals(
        "'pod 1' may hold only letters, digits, '.', '_' and '-'", errors.get(1).message());
  }

  @Test
  void shouldReportUnknownKeyUnderQuery() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  query:\n    max-lags: 5\n");

    ConfigError error = onlyError(yaml);

    assertEquals("app.query.max-lags", error.path());
    assertEquals(lineOf(yaml, "max-lags"), error.line());
  }

  @Test
  void shouldReadDetailedKafkaMetricsAndDefaultItToFalse() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  detailed-kafka-metrics: true\n");

    assertTrue(loader(Map.of()).load(yaml, "test.yaml").app().detailedKafkaMetrics());
    assertFalse(loader(Map.of()).load(minimalWith(""), "test.yaml").app().detailedKafkaMetrics());
  }

  @Test
  void shouldRejectDetailedKafkaMetricsThatIsNotABoolean() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  detailed-kafka-metrics: yes\n");

    ConfigError error = onlyError(yaml);
    assertEquals("app.detailed-kafka-metrics", error.path());
    assertEquals("'yes' is not true or false", error.message());
  }

  @Test
  void shouldRejectReplicationFactorZero() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  replication-factor: 0\n");

    assertEquals("app.replication-factor", onlyError(yaml).path());
  }

  @Test
  void shouldDefaultRocksDbMemoryWhenOnlySomeKeysAreGiven() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  rocksdb:\n    write-buffer-mb: 32\n");

    AppConfig config = loader(Map.of()).load(yaml, "test.yaml");

    assertEquals(RocksDbSettings.ofMegabytes(256, 32), config.app().rocksdb());
  }

  @Test
  void shouldRejectRocksDbTotalOutOfRange() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  rocksdb:\n    total-off-heap-mb: 8\n");

    assertEquals(
        new ConfigError(
            "app.rocksdb.total-off-heap-mb",
            lineOf(yaml, "total-off-heap-mb"),
            "must be between 16 and 65536"),
        onlyError(yaml));
  }

  @Test
  void shouldRejectRocksDbWriteBufferBelowMinimum() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  rocksdb:\n    write-buffer-mb: 2\n");

    assertEquals(
        new ConfigError(
            "app.rocksdb.write-buffer-mb",
            lineOf(yaml, "write-buffer-mb"),
            "must be between 4 and 65536"),
        onlyError(yaml));
  }

  @Test
  void shouldRejectRocksDbWriteBufferNotBelowTotal() {
    String yaml =
        minimalWith("")
            .replace(
                "app:\n", "app:\n  rocksdb:\n    total-off-heap-mb: 64\n    write-buffer-mb: 64\n");

    assertEquals(
        new ConfigError(
            "app.rocksdb.write-buffer-mb",
            lineOf(yaml, "write-buffer-mb"),
            "must be less than total-off-heap-mb (64 >= 64)"),
        onlyError(yaml));
  }

  @Test
  void shouldReportUnknownRocksDbKey() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  rocksdb:\n    block-cache-mb: 100\n");

    ConfigError error = onlyError(yaml);

    assertEquals("app.rocksdb.block-cache-mb", error.path());
    assertEquals(lineOf(yaml, "block-cache-mb"), error.line());
  }

  @Test
  void shouldReportYamlSyntaxErrorWithItsLineAndNoSourceSnippet() {
    String yaml =
        "kafka:\n  bootstrap-servers: a\n  oops: [unclosed\napp:\n  state-dir: secret-ish\n";

    ConfigError error = onlyError(yaml);

    assertEquals("test.yaml", error.path());
    // The flow sequence opened on line 3 is still open when the parser meets line 4's key.
    assertTrue(error.line() >= 3 && error.line() <= 5, () -> "line " + error.line());
    assertTrue(error.message().startsWith("invalid YAML: "), error.message());
    assertFalse(error.message().contains("secret-ish"), error.message());
    assertFalse(error.message().contains("^"), error.message());
  }

  @Test
  void shouldReportTabIndentationOnItsLine() {
    String yaml = "kafka:\n  bootstrap-servers: a\n\tschema-registry-url: b\n";

    assertEquals(3, onlyError(yaml).line());
  }

  @Test
  void shouldRejectEmptyFile() {
    assertEquals(new ConfigError("test.yaml", 0, "is empty"), onlyError("# only a comment\n"));
  }

  @Test
  void shouldRejectDocumentThatIsNotAMapping() {
    assertEquals("test.yaml", onlyError("- a\n- b\n").path());
  }

  @Test
  void shouldPassConfigProviderReferencesThroughUntouched() {
    String yaml =
        minimalWith("")
            .replace(
                "kafka:\n",
                "kafka:\n  properties:\n"
                    + "    ssl.keystore.password: ${file:/etc/kafka/ssl.properties:keystore}\n"
                    + "    sasl.username: ${env:KAFKA_USER}\n"
                    + "    sasl.password: ${vault:secret/kafka:password}\n");

    Map<String, String> properties =
        loader(Map.of("KAFKA_USER", "must-not-be-used"))
            .load(yaml, "test.yaml")
            .kafka()
            .properties();

    assertEquals(
        Map.of(
            "ssl.keystore.password", "${file:/etc/kafka/ssl.properties:keystore}",
            "sasl.username", "${env:KAFKA_USER}",
            "sasl.password", "${vault:secret/kafka:password}"),
        properties);
  }

  @Test
  void shouldNeverEchoKafkaPropertyValuesInErrors() {
    String yaml =
        minimalWith("")
            .replace(
                "kafka:\n",
                "kafka:\n  properties:\n"
                    + "    sasl.jaas.config: [hunter2-password]\n"
                    + "    ssl.key.password: ${BAD-REF:hunter3}\n");

    List<ConfigError> errors = errorsOf(yaml);

    assertEquals(
        List.of("kafka.properties.sasl.jaas.config", "kafka.properties.ssl.key.password"),
        errors.stream().map(ConfigError::path).toList());
    errors.forEach(
        error -> {
          assertFalse(error.toString().contains("hunter2"), error.toString());
          assertFalse(error.toString().contains("hunter3"), error.toString());
        });
  }

  @Test
  void shouldReportEveryErrorAtOnceInFileOrder() {
    String yaml =
        """
        kafka:
          schema-registry-url: mock://tests
          bootstrap-server: typo
        app:
          state-dir: /tmp/s
          http-port: abc
          num-stream-threads: 0
        topologies:
          observation-alerting:
            topics:
              observations: fhir.observation
              patients: fhir patient
              alerts: clinical.alerts
              dlq: x
            rules:
              - {id: Bad Id, code: c, comparator: gte, threshold: 1}
          made-up: {}
        surprise: true
        """;

    List<String> paths = errorsOf(yaml).stream().map(ConfigError::path).toList();

    assertEquals(
        List.of(
            "kafka.bootstrap-servers",
            "kafka.bootstrap-server",
            "app.http-port",
            "app.num-stream-threads",
            "topologies.observation-alerting.topics.dead-letter",
            "topologies.observation-alerting.topics.patients",
            "topologies.observation-alerting.topics.dlq",
            "topologies.observation-alerting.rules[0].id",
            "topologies.observation-alerting.rules[0].comparator",
            "topologies.made-up",
            "surprise"),
        paths);
  }

  @Test
  void shouldReportUnknownTopologyWithKnownNames() {
    String yaml = minimalWith("  obs-alerting: {topics: {}}\n");

    assertEquals(
        new ConfigError(
            "topologies.obs-alerting",
            lineOf(yaml, "obs-alerting"),
            "unknown topology (known: observation-alerting, consent-table)"),
        onlyError(yaml));
  }

  @Test
  void shouldReportMissingTopicRole() {
    String yaml = minimalWith(ALERTING_TOPICS.replace("      patients: fhir.patient\n", ""));

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.topics.patients",
            lineOf(yaml, "topics:"),
            "is required"),
        onlyError(yaml));
  }

  @Test
  void shouldReportUnknownTopicRoleWithTheRoles() {
    String yaml = minimalWith(ALERTING_TOPICS + "      audit: audit.events\n");

    assertEquals(
        new ConfigError(
            "topologies.observation-alerting.topics.audit",
            lineOf(yaml, "audit:"),
            "unknown topic role (roles: observations, patients, alerts, dead-letter)"),
        onlyError(yaml));
  }

  @Test
  void shouldReportDuplicateKey() {
    String yaml = minimalWith("").replace("app:\n", "app:\n  http-port: 1\n  http-port: 2\n");

    ConfigError error = onlyError(yaml);

    assertEquals("app.http-port", error.path());
    assertEquals(lineOf(yaml, "http-port: 2"), error.line());
  }

  @Test
  void shouldLoadFromFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("topologies.yaml");
    Files.writeString(file, FULL_CONFIG);

    AppConfig config = loader(Map.of()).load(file);

    assertEquals(2, config.topologies().size());
  }

  @Test
  void shouldReportUnreadableFileByItsName(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    List<ConfigError> errors =
        assertThrows(ConfigException.class, () -> loader(Map.of()).load(missing)).errors();

    assertEquals(List.of(new ConfigError(missing.toString(), 0, "file not found")), errors);
  }

  @Test
  void shouldReadOneBlockWithItsSettingsReader() {
    String block =
        "topics: {alerts: x}\nenabled: false\nrules: [{id: r, code: c, comparator: ne, threshold: 0}]\n";

    Settings settings = ConfigLoader.readSettings(block, TestAlertingSchema.reader(), Map.of());

    assertEquals(
        new Settings(
            false, List.of(new Rule("r", "c", Comparator.NE, 0, Duration.ofMinutes(30))), Map.of()),
        settings);
  }

  @Test
  void shouldReportEveryErrorOfOneBlock() {
    List<ConfigError> errors =
        assertThrows(
                ConfigException.class,
                () ->
                    ConfigLoader.readSettings(
                        "enabled: 1\nextra: 2\n", TestAlertingSchema.reader(), Map.of()))
            .errors();

    assertEquals(List.of("enabled", "extra"), errors.stream().map(ConfigError::path).toList());
  }

  /** The schema the loader paired with a block, for comparing a whole expected block with it. */
  @SuppressWarnings("unchecked")
  private static TopologySchema<Object> anySchema(TopologyConfig<?> config) {
    return (TopologySchema<Object>) config.schema();
  }
}
