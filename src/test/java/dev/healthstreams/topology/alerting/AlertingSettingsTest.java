package dev.healthstreams.topology.alerting;

import static dev.healthstreams.testkit.ConfigFixtures.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.healthstreams.config.AppConfig;
import dev.healthstreams.config.ConfigError;
import dev.healthstreams.config.ConfigException;
import dev.healthstreams.config.ConfigLoader;
import dev.healthstreams.topology.TopologyRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertingSettingsTest {

  private static AlertingSettings read(String block) {
    return ConfigLoader.readSettings(block, AlertingSettings.reader(), Map.of());
  }

  private static List<ConfigError> errorsOf(String block) {
    return assertThrows(ConfigException.class, () -> read(block)).errors();
  }

  /** The only error at {@code path}; fails listing all errors when there are none or several. */
  private static ConfigError errorAt(List<ConfigError> errors, String path) {
    List<ConfigError> at = errors.stream().filter(e -> e.path().equals(path)).toList();
    if (at.size() != 1) {
      fail("expected one error at " + path + ", got " + at + "; all errors: " + errors);
    }
    return at.get(0);
  }

  private static final String VALID =
      """
      topics:
        observations: fhir.observation
      statuses: [final, amended]
      routes:
        critical: [pager.critical, ward.critical]
        high: [ward.high]
      rules:
        - id: tachycardia-severe
          code: http://loinc.org|8867-4
          comparator: ge
          threshold: 131
          unit: "/min"
          severity: critical
          description: Heart rate at or above 131 /min
          suppress-for: PT30M
          suppress-group: heart-rate-high
        - id: hypoglycemia
          code: http://loinc.org|2339-0
          comparator: lt
          threshold: 3.9
          unit: mmol/L
          severity: high
          description: Glucose below 3.9 mmol/L
        - id: odd-one
          code: urn:oid:1.2.3|X
          comparator: ne
          threshold: -0.5
          severity: low
          description: Anything but -0.5
      """;

  @Test
  void shouldReadValidRulesIntoTheirValues() {
    AlertingSettings settings = read(VALID);

    assertEquals(
        List.of(
            new AlertRule(
                "tachycardia-severe",
                "http://loinc.org",
                "8867-4",
                Comparator.GE,
                131.0,
                "/min",
                Severity.CRITICAL,
                "Heart rate at or above 131 /min",
                Duration.ofMinutes(30),
                "heart-rate-high"),
            new AlertRule(
                "hypoglycemia",
                "http://loinc.org",
                "2339-0",
                Comparator.LT,
                3.9,
                "mmol/L",
                Severity.HIGH,
                "Glucose below 3.9 mmol/L",
                null,
                "hypoglycemia"),
            new AlertRule(
                "odd-one",
                "urn:oid:1.2.3",
                "X",
                Comparator.NE,
                -0.5,
                null,
                Severity.LOW,
                "Anything but -0.5",
                null,
                "odd-one")),
        settings.rules());
    assertEquals(Set.of("final", "amended"), settings.statuses());
    assertEquals(List.of("pager.critical", "ward.critical"), settings.routesFor(Severity.CRITICAL));
    assertEquals(List.of("ward.high"), settings.routesFor(Severity.HIGH));
    assertEquals(List.of(), settings.routesFor(Severity.MEDIUM));
    assertEquals(Duration.ofDays(7), settings.dedupWindow(), "dedup-window defaults to P7D");
  }

  @Test
  void shouldDefaultStatusesToFinalAmendedAndCorrected() {
    AlertingSettings settings = read(VALID.replace("statuses: [final, amended]\n", ""));
    assertEquals(Set.of("final", "amended", "corrected"), settings.statuses());
  }

  @Test
  void shouldReadACustomDedupWindow() {
    AlertingSettings settings = read(VALID + "dedup-window: PT36H\n");
    assertEquals(Duration.ofHours(36), settings.dedupWindow());
  }

  @Test
  void shouldRejectAZeroDedupWindow() {
    String block = VALID + "dedup-window: PT0S\n";
    ConfigError error = errorAt(errorsOf(block), "dedup-window");
    assertTrue(error.message().contains("longer than zero"), error::toString);
    assertEquals(lineOf(block, "dedup-window"), error.line());
  }

  private static final String MANY_MISTAKES =
      """
      statuses: [final, done]
      routes:
        urgent: [pager.urgent]
      rules:
        - id: ok
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 120
          severity: high
          description: first
        - id: ok
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 121
          severity: high
          description: duplicate id
        - id: Bad_Id
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 1
          severity: high
          description: bad id
        - id: no-bar
          code: 8867-4
          comparator: gt
          threshold: 1
          severity: high
          description: code without a system
        - id: bad-comparator
          code: http://loinc.org|8867-4
          comparator: gte
          threshold: 1
          severity: high
          description: bad comparator
        - id: bad-severity
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 1
          severity: urgent
          description: bad severity
        - id: bad-threshold
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: one-twenty
          severity: high
          description: bad threshold
        - id: bad-unit
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 1
          unit: bananas
          severity: high
          description: bad unit
        - id: bad-window
          code: http://loinc.org|8867-4
          comparator: gt
          threshold: 1
          severity: high
          description: bad window
          suppress-for: 30 minutes
        - id: typo
          code: http://loinc.org|8867-4
          comparator: gt
          treshold: 1
          severity: high
          description: misspelt key
      """;

  @Test
  void shouldReportEveryMistakeAtOnceWithItsPathAndLine() {
    List<ConfigError> errors = errorsOf(MANY_MISTAKES);

    record Expected(String path, String lineSnippet, List<String> fragments) {}
    List<Expected> expected =
        List.of(
            new Expected("statuses", "statuses:", List.of("'done'", "final", "entered-in-error")),
            new Expected("routes", "routes:", List.of("'urgent'", "critical, high, medium, low")),
            new Expected("rules[1].id", "description: duplicate id", List.of("duplicate", "'ok'")),
            new Expected("rules[2].id", "id: Bad_Id", List.of("'Bad_Id'")),
            new Expected("rules[3].code", "code: 8867-4", List.of("'8867-4'", "system|code")),
            new Expected(
                "rules[4].comparator",
                "comparator: gte",
                List.of("'gte'", "gt, ge, lt, le, eq, ne")),
            new Expected(
                "rules[5].severity", "severity: urgent", List.of("'urgent'", "critical, high")),
            new Expected(
                "rules[6].threshold", "threshold: one-twenty", List.of("'one-twenty'", "number")),
            new Expected("rules[7].unit", "unit: bananas", List.of("'bananas'", "UCUM")),
            new Expected(
                "rules[8].suppress-for", "suppress-for: 30 minutes", List.of("'30 minutes'")),
            new Expected("rules[9].treshold", "treshold: 1", List.of("unknown key", "threshold")),
            new Expected("rules[9].threshold", "id: typo", List.of("is required")));

    List<String> problems = new ArrayList<>();
    for (Expected e : expected) {
      List<ConfigError> at = errors.stream().filter(x -> x.path().equals(e.path())).toList();
      if (at.size() != 1) {
        problems.add(e.path() + ": expected one error, got " + at);
        continue;
      }
      ConfigError error = at.get(0);
      for (String fragment : e.fragments()) {
        if (!error.message().contains(fragment)) {
          problems.add(e.path() + ": message lacks '" + fragment + "': " + error.message());
        }
      }
      // A duplicate id is reported on the second rule's id line.
      String snippet = e.path().equals("rules[1].id") ? null : e.lineSnippet();
      if (snippet != null && error.line() != lineOf(MANY_MISTAKES, snippet)) {
        problems.add(
            e.path() + ": line " + error.line() + ", expected " + lineOf(MANY_MISTAKES, snippet));
      }
    }
    if (errors.size() != expected.size()) {
      problems.add(expected.size() + " errors expected, got " + errors.size() + ": " + errors);
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void shouldRequireAtLeastOneRule() {
    String empty = "rules: []\n";
    assertTrue(
        errorAt(errorsOf(empty), "rules").message().contains("at least one rule"),
        () -> errorsOf(empty).toString());
    String absent = "statuses: [final]\n";
    assertTrue(
        errorAt(errorsOf(absent), "rules").message().contains("at least one rule"),
        () -> errorsOf(absent).toString());
  }

  // ---- whole files

  @Test
  void shouldLoadTheRepositorysTopologiesYamlWithoutErrors() {
    Path file = Path.of("topologies.yaml");
    AppConfig config;
    try {
      config = new ConfigLoader(TopologyRegistry.discover().all(), Map.of()).load(file);
    } catch (ConfigException e) {
      fail("the repository's topologies.yaml does not validate:\n" + e.getMessage());
      return;
    }
    AlertingSettings settings =
        (AlertingSettings) config.topology("observation-alerting").orElseThrow().settings();

    // Compared with a plain SnakeYAML reading of the same file.
    SimpleAlertOracle.Spec spec = SimpleAlertOracle.readSpec(file);
    assertEquals(41, spec.rules().size(), "rules in topologies.yaml");
    assertEquals(spec.rules().size(), settings.rules().size());
    for (int i = 0; i < spec.rules().size(); i++) {
      SimpleAlertOracle.Rule plain = spec.rules().get(i);
      AlertRule rule = settings.rules().get(i);
      String where = "rules[" + i + "] " + plain.id();
      assertEquals(plain.id(), rule.id(), where);
      assertEquals(plain.system(), rule.system(), where);
      assertEquals(plain.code(), rule.code(), where);
      assertEquals(plain.comparator(), rule.comparator().name().toLowerCase(), where);
      assertEquals(plain.threshold(), rule.threshold(), 0.0, where);
      assertEquals(plain.unit(), rule.unit(), where);
      assertEquals(plain.severity(), rule.severity().name().toLowerCase(), where);
      assertEquals(plain.suppressFor(), rule.suppressFor(), where);
      assertEquals(plain.group(), rule.suppressGroup(), where);
    }
    assertEquals(spec.statuses(), settings.statuses());
    assertEquals(List.of("clinical.notifications.critical"), settings.routesFor(Severity.CRITICAL));
    assertEquals(Duration.ofDays(7), settings.dedupWindow());
  }

  @Test
  void shouldReportRuleErrorsOfAWholeFileWithTheirFullPath() {
    String yaml =
        """
        kafka:
          bootstrap-servers: localhost:9092
          schema-registry-url: mock://tests
        app:
          state-dir: /tmp/hs-state
        topologies:
          observation-alerting:
            topics:
              observations: fhir.observation
              patients: fhir.patient
              alerts: clinical.alerts
              dead-letter: hs.alerting.dlq
            routes:
              severe: [pager]
            rules:
              - id: fine
                code: http://loinc.org|8867-4
                comparator: gt
                threshold: 120
                severity: high
                description: fine
              - id: wrong
                code: http://loinc.org|8867-4
                comparator: gte
                threshold: 120
                severity: high
                description: wrong comparator
                treshold: 5
        """;
    List<ConfigError> errors =
        assertThrows(
                ConfigException.class,
                () ->
                    new ConfigLoader(TopologyRegistry.discover().all(), Map.of())
                        .load(yaml, "t.yaml"))
            .errors();

    String rule = "topologies.observation-alerting.rules[1]";
    ConfigError comparator = errorAt(errors, rule + ".comparator");
    assertTrue(comparator.message().contains("gt, ge, lt, le, eq, ne"), comparator::toString);
    assertEquals(lineOf(yaml, "comparator: gte"), comparator.line());
    ConfigError typo = errorAt(errors, rule + ".treshold");
    assertTrue(typo.message().startsWith("unknown key"), typo::toString);
    assertEquals(lineOf(yaml, "treshold: 5"), typo.line());
    ConfigError route = errorAt(errors, "topologies.observation-alerting.routes");
    assertTrue(route.message().contains("'severe'"), route::toString);
    assertEquals(3, errors.size(), () -> "errors: " + errors);
  }
}
